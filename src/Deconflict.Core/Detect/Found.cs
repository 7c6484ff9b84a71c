namespace Deconflict.Detect;

/// <summary>What one query has found so far against one stored movement: the aggregate fields of a conflict, the
/// closest pair's midpoint in ECEF metres, and how many conflicting piece pairs it has.</summary>
internal struct Found
{
    public int Slot;
    public int Pairs;
    public long StartTicks;
    public long EndTicks;
    public double MinSeparationMetres;
    public double X;
    public double Y;
    public double Z;
}
