using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Drafts.DraftArticle;

/// <summary>
/// Draft an import file from an article's text: the source, and a proposed claim ("proposed": true,
/// with its cue) for each sentence that reports something. Writes nothing.
/// </summary>
/// <param name="Text">The article, exactly as published (it becomes the source text byte for byte).</param>
/// <param name="Outlet">Who published it.</param>
/// <param name="Published">DATE or FROM..TO (YYYY-MM-DD).</param>
/// <param name="Language">ar or en (null: by the script).</param>
/// <param name="Dyad">XXX-YYY (null: the two countries the article names most).</param>
/// <param name="LearnFromLedger">Also propose as actors the names the dyad's ledger already holds, where the article spells them the same.</param>
public sealed record DraftArticle(string? Text, string? Outlet = null, string? Published = null, string? Language = null, string? Dyad = null, bool LearnFromLedger = false) : IRequest<ImportDocument>;

public sealed class DraftArticleValidator : AbstractValidator<DraftArticle>
{
    public DraftArticleValidator()
    {
        RuleFor(x => x.Text).NotEmpty().WithMessage("is required: the article's text");
        RuleFor(x => x.Language).Must(l => l is null or "ar" or "en").WithMessage((_, l) => $"'{l}' is not a language the drafter reads; use ar or en");
        RuleFor(x => x.Dyad).Must(BeADyad).When(x => x.Dyad is not null)
            .WithMessage((_, d) => $"'{d}' is not two ISO 3166-1 alpha-3 codes joined by '-', e.g. AZE-IRN");
        RuleFor(x => x.Published).Must(p => Try(() => PublicationWindow.Parse(p, "published"))).When(x => x.Published is not null)
            .WithMessage((_, p) => $"'{p}' is not DATE or FROM..TO (YYYY-MM-DD), the earlier date first");
        RuleFor(x => x.Outlet).Must(o => o is null || o.Trim().Length > 0).WithMessage("must not be blank; leave it out if unknown");
    }

    private static bool BeADyad(string? dyad) => Try(() => DyadId.Parse(dyad!));

    private static bool Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is DomainRuleViolated or Validation.InputRejectedException)
        {
            return false;
        }
    }
}

/// <summary>The store is optional: without one (bt draft on a machine with no ledger) nothing is learned from it.</summary>
public sealed class DraftArticleHandler(IEnumerable<IEventStore> stores) : IRequestHandler<DraftArticle, ImportDocument>
{
    public async Task<ImportDocument> Handle(DraftArticle request, CancellationToken cancellationToken)
    {
        var known = new List<KnownActor>();
        if (request.LearnFromLedger && request.Dyad is not null && stores.FirstOrDefault() is { } store)
        {
            await foreach (var envelope in LedgerReader.ReadAsync(store, DyadId.Parse(request.Dyad), null, cancellationToken).ConfigureAwait(false))
            {
                if (envelope.Event is ClaimRecorded claim)
                {
                    known.AddRange(claim.Actors.Select(a => new KnownActor(a.Name, a.Country, a.Title, Serialization.Kebab.Format(a.Level))));
                }
            }
        }
        var options = new DraftOptions(request.Outlet?.Trim(), PublicationWindow.Parse(request.Published, "published"), request.Language, request.Dyad,
            known.DistinctBy(k => k.Name).ToList());
        return Drafter.Draft(request.Text!, options);
    }
}
