using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using MediatR;

namespace BilateralTimeline.Application.Features.Verify.VerifyLog;

/// <summary>
/// Re-walk the whole log's hash chain, check its end against the store's head record, and, given a
/// witness kept from an earlier verify, prove the log still extends it; name the first broken position.
/// </summary>
public sealed record VerifyLog(IProgress<long>? Progress = null, ChainWitness? Expect = null) : IRequest<ChainVerification>, IWalksTheWholeChain;

public sealed class VerifyLogHandler(IEventStore store, StoreCapabilities capabilities) : IRequestHandler<VerifyLog, ChainVerification>
{
    public Task<ChainVerification> Handle(VerifyLog request, CancellationToken cancellationToken) =>
        ChainVerifier.VerifyAsync(store, capabilities, request.Progress, cancellationToken, request.Expect);
}
