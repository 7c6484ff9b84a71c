using Deconflict.Geo;

namespace Deconflict.Track;

/// <summary>One position report for <see cref="Tracker.ReportBatch"/>: a unit, where it was, and when.</summary>
/// <param name="Unit">The reporting unit.</param>
/// <param name="Position">Where it was.</param>
/// <param name="Time">When it was there.</param>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly record struct PositionReport(UnitHandle Unit, Wgs84 Position, DateTimeOffset Time);

// The batch path: the same reports as Report, taken in the order of the grid's cells so that neighbours are in cache.
//
// Implementation note: a report's cost is dominated by reads of other units' state at random places in memory (their
// positions, the pairs they are in, the grid cells around them). Taken row by row of cells, consecutive reports share
// most of those reads. The order is a stable counting sort on a dense cell number, O(n + cells); every report of one
// unit takes the key of its first report, so a unit's reports keep their relative order.
public sealed partial class Tracker
{
    private int[] _batchStamp = [];
    private long[] _batchCell = [];
    private int _batchNumber;
    private long[] _batchKeys = [];
    private int[] _batchOrder = [];
    private int[] _batchCounts = [];

    /// <summary>Takes a batch of position reports and appends the alerts they raise or clear: exactly what calling
    /// <see cref="Report"/> for each would do, taken in the order of the grid's cells (row by row) rather than as given;
    /// the reports of one unit keep their order.</summary>
    /// <param name="reports">The reports; a unit may appear more than once, in time order.</param>
    /// <param name="alerts">Where alerts are appended.</param>
    /// <returns>How many reports were taken; the others were not after their unit's previous report and changed nothing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A report's unit is not a unit of this tracker; the reports before it in the
    /// batch's order have been taken.</exception>
    public int ReportBatch(ReadOnlySpan<PositionReport> reports, List<TrackAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var order = BatchOrder(reports);
        var taken = 0;
        foreach (var k in order)
        {
            ref readonly var report = ref reports[k];
            if (Report(report.Unit, report.Position, report.Time, alerts))
            {
                taken++;
            }
        }

        return taken;
    }

    /// <summary>The order in which <see cref="ReportBatch"/> takes <paramref name="reports"/>: indexes into it.</summary>
    /// <remarks>The span is the tracker's scratch, valid until the next batch.</remarks>
    internal ReadOnlySpan<int> BatchOrder(ReadOnlySpan<PositionReport> reports)
    {
        var n = reports.Length;
        if (_batchStamp.Length < _count)
        {
            _batchStamp = new int[_units.Length];
            _batchCell = new long[_units.Length];
        }

        if (_batchKeys.Length < n)
        {
            _batchKeys = new long[n];
            _batchOrder = new int[n];
        }

        // Stamps tell a unit's first report in this batch from its later ones without clearing an array per batch.
        if (++_batchNumber == int.MaxValue)
        {
            Array.Clear(_batchStamp);
            _batchNumber = 1;
        }

        int minRow = int.MaxValue, maxRow = int.MinValue, minColumn = int.MaxValue, maxColumn = int.MinValue;
        for (var k = 0; k < n; k++)
        {
            var unit = reports[k].Unit.Index;
            if ((uint)unit >= (uint)_count)
            {
                // Taken in the given order up to here, so the exception comes after the valid reports before it.
                return Identity(n);
            }

            if (_batchStamp[unit] != _batchNumber)
            {
                _batchStamp[unit] = _batchNumber;
                _batchCell[unit] = _grid.CellOf(reports[k].Position.Latitude, reports[k].Position.Longitude);
            }

            var cell = _batchCell[unit];
            _batchKeys[k] = cell;
            var row = (int)(cell >> 32);
            var column = (int)cell;
            minRow = Math.Min(minRow, row);
            maxRow = Math.Max(maxRow, row);
            minColumn = Math.Min(minColumn, column);
            maxColumn = Math.Max(maxColumn, column);
        }

        var columns = (long)maxColumn - minColumn + 1;
        var cells = ((long)maxRow - minRow + 1) * columns;
        if (n == 0 || cells > (4L * n) + 4096)
        {
            // Spread too thinly for a counting sort to pay: the given order.
            return Identity(n);
        }

        if (_batchCounts.Length < cells + 1)
        {
            _batchCounts = new int[cells + 1];
        }

        var counts = _batchCounts.AsSpan(0, (int)cells + 1);
        counts.Clear();
        for (var k = 0; k < n; k++)
        {
            var dense = ((((int)(_batchKeys[k] >> 32)) - minRow) * columns) + ((int)_batchKeys[k] - minColumn);
            _batchKeys[k] = dense;
            counts[(int)dense + 1]++;
        }

        for (var c = 1; c < counts.Length; c++)
        {
            counts[c] += counts[c - 1];
        }

        for (var k = 0; k < n; k++)
        {
            _batchOrder[counts[(int)_batchKeys[k]]++] = k;
        }

        return _batchOrder.AsSpan(0, n);
    }

    private ReadOnlySpan<int> Identity(int n)
    {
        for (var k = 0; k < n; k++)
        {
            _batchOrder[k] = k;
        }

        return _batchOrder.AsSpan(0, n);
    }
}
