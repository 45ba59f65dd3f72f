using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// The claims of a dyad as <c>bt timeline</c> shows them at a valid-time date (default today), as known
/// at a recording time (default now), ready for a writer to stream out as CSV, JSON Lines or STIX.
/// </summary>
public sealed record ExportLedger(string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt) : IRequest<LedgerExport>;

public sealed class ExportLedgerValidator : AbstractValidator<ExportLedger>
{
    public ExportLedgerValidator(TimeProvider clock) => Include(new QueryRules<ExportLedger>(clock, x => x.Dyad, x => x.KnownAt));
}

public sealed class ExportLedgerHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<ExportLedger, LedgerExport>
{
    public async Task<LedgerExport> Handle(ExportLedger request, CancellationToken cancellationToken)
    {
        var dyad = await Ledger.DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await Ledger.KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The timeline decides which claims count at asOf, so an export and `bt timeline` never disagree;
        // the export walks it page by page as it writes (LedgerExport.Claims).
        return new LedgerExport(dyad.ToString(), asOf, request.KnownAt, view);
    }
}
