using System.Globalization;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// An event bt wrote always folds onto the ledger before it. One that does not (its data swapped with
/// another event's, a field emptied) was changed outside bt; the fold's own exception (a null key, a
/// missing source) would say nothing useful, so it is reported by position instead.
/// </summary>
public static class FoldFailure
{
    public static bool IsFoldFailure(Exception e) => e is not (OperationCanceledException or EventStoreException or OutOfMemoryException);

    public static DamagedLogException At(long position, string type, Exception e) =>
        new(position, string.Create(CultureInfo.InvariantCulture,
            $"the event at global position {position} ({type}) does not fit the ledger before it ({e.GetType().Name}: {e.Message}): the log was changed outside this program; nothing was read or recorded; verify the log's hash chain"), e);
}
