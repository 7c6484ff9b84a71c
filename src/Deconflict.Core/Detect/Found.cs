namespace Deconflict.Detect;

/// <summary>What one query has found so far against one stored movement: the aggregate fields of a conflict, the
/// closest pair (ties going to the lowest piece indices, so the answer does not depend on the order the grid
/// yields candidates in), its midpoint in ECEF metres, and how many conflicting piece pairs it has.</summary>
internal struct Found
{
    public int Slot;
    public int Pairs;
    public int BestPiece;
    public int BestOtherPiece;
    public long StartTicks;
    public long EndTicks;
    public double MinSeparationMetres;
    public double X;
    public double Y;
    public double Z;
}
