using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Sources;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Sources.GetSourceText;

/// <summary>The full text of a source as registered, with its stored and recomputed SHA-256, so a reader can locate quotes by offset.</summary>
public sealed record GetSourceText(string SourceId, string? Dyad, DateTimeOffset? KnownAt = null) : IRequest<SourceTextView>;

/// <summary>A looked-up id follows the same rule as a recorded one, so a look-alike id is named as such instead of "not found".</summary>
public sealed class GetSourceTextValidator : AbstractValidator<GetSourceText>
{
    public GetSourceTextValidator(TimeProvider clock)
    {
        Include(new QueryRules<GetSourceText>(clock, x => x.Dyad, x => x.KnownAt));
        RuleFor(x => x.SourceId).MustBeAnId();
    }
}

public sealed record SourceTextView(string Dyad, string SourceId, string Outlet, string Title, string Language, string? Url, string Text, string StoredSha256, string ComputedSha256, bool HashMatches, long Position);

public sealed class GetSourceTextHandler(Ports.IEventStore store, Ports.ILedgerViews views, TimeProvider clock) : IRequestHandler<GetSourceText, SourceTextView>
{
    public async Task<SourceTextView> Handle(GetSourceText request, CancellationToken cancellationToken)
    {
        var dyad = await DyadResolver.ResolveAsync(store, request.Dyad, cancellationToken).ConfigureAwait(false);
        await KnownAtGuard.CheckAsync(store, dyad, request.KnownAt, clock, cancellationToken).ConfigureAwait(false);
        var view = await views.AtAsync(dyad, request.KnownAt, cancellationToken).ConfigureAwait(false);
        if (!view.Sources.TryGetValue(request.SourceId, out var found))
        {
            throw new NotFoundException("sourceId", $"no source '{request.SourceId}' in {dyad}; GET /api/sources lists them");
        }
        var source = found.Source;
        var computed = SourceText.Sha256Hex(source.Text);
        return new SourceTextView(dyad.ToString(), source.SourceId, source.Outlet, source.Title, source.Language, source.Url, source.Text, source.Sha256, computed, computed == source.Sha256, found.Position);
    }
}
