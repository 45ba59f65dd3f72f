using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Domain.Ledger;

/// <summary>
/// Pure decisions for a dyad's ledger. Re-recording what is already recorded with the same content
/// yields no events, which is what makes importing a file twice a no-op; the same id with different
/// content is refused, because history is corrected by new events, never by overwriting.
/// </summary>
public static partial class LedgerDecider
{
    public static IReadOnlyList<ILedgerEvent> Decide(LedgerState state, LedgerCommand command) => command switch
    {
        RegisterSourceCommand c => Register(state, c),
        IdentifyOccurrenceCommand c => Identify(state, c),
        RecordClaimCommand c => Record(state, c),
        LinkClaimCommand c => Link(state, c),
        RetractClaimCommand c => Retract(state, c),
        ReviseConfidenceCommand c => Revise(state, c),
        MarkCorroborationCommand c => Relate(state, c.ClaimId, c.OtherClaimId, "corroborates", "", () => new ClaimsCorroborated(c.ClaimId, c.OtherClaimId, RequireReason(c.Reason))),
        MarkContradictionCommand c => Relate(state, c.ClaimId, c.OtherClaimId, "contradicts", c.Field, () => new ClaimsContradicted(c.ClaimId, c.OtherClaimId, RequireField(c.Field), RequireReason(c.Reason), c.Detail is { Length: > 0 } ? c.Detail : null)),
        SupersedeClaimCommand c => Supersede(state, c),
        ResolveContradictionCommand c => ResolveDisagreement(state, c),
        RedateClaimCommand c => Redate(state, c),
        UnlinkClaimCommand c => Unlink(state, c),
        IdentifyActorCommand c => IdentifyActor(state, c),
        AddActorAliasCommand c => AddAlias(state, c),
        MergeActorsCommand c => Merge(state, c),
        UnmergeActorsCommand c => Unmerge(state, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown command"),
    };

    /// <summary>Decides a batch in order against the evolving state, so later commands see earlier ones.</summary>
    public static IReadOnlyList<ILedgerEvent> DecideAll(LedgerState state, IEnumerable<LedgerCommand> commands, Action<int, DomainRuleViolated>? onViolation = null) =>
        DecideAll(state, commands, out _, onViolation);

    /// <summary>
    /// As <see cref="DecideAll(LedgerState, IEnumerable{LedgerCommand}, Action{int, DomainRuleViolated}?)"/>, also giving the state
    /// with every decided event folded in: a writer that keeps the state after its write need not fold a large batch a second time.
    /// </summary>
    public static IReadOnlyList<ILedgerEvent> DecideAll(LedgerState state, IEnumerable<LedgerCommand> commands, out LedgerState after, Action<int, DomainRuleViolated>? onViolation = null)
    {
        var events = new List<ILedgerEvent>();
        var index = 0;
        foreach (var command in commands)
        {
            IReadOnlyList<ILedgerEvent> decided;
            try
            {
                decided = Decide(state, command);
            }
            catch (DomainRuleViolated violation) when (onViolation is not null)
            {
                onViolation(index, violation);
                index++;
                continue;
            }
            foreach (var e in decided)
            {
                state = LedgerState.Evolve(state, e);
                events.Add(e);
            }
            index++;
        }
        after = state;
        return events;
    }

    private static IReadOnlyList<ILedgerEvent> Register(LedgerState state, RegisterSourceCommand c)
    {
        RequireId(c.SourceId, "id");
        if (string.IsNullOrEmpty(c.Text))
        {
            throw new DomainRuleViolated("text", $"source '{c.SourceId}' has no text; the full text is needed to verify quotes");
        }
        var registered = new SourceRegistered(c.SourceId, c.Outlet, c.Language, c.Title, c.Url, c.Published, c.Retrieved, c.Text, SourceText.Sha256Hex(c.Text));
        if (state.Sources.TryGetValue(c.SourceId, out var existing))
        {
            return SameSource(existing, registered)
                ? []
                : throw new DomainRuleViolated("id", $"source '{c.SourceId}' is already registered with different content (sha256 {existing.Sha256[..12]}…); give the new document its own id");
        }
        return [registered];
    }

    private static bool SameSource(SourceRegistered a, SourceRegistered b) =>
        a.Sha256 == b.Sha256 && a.Outlet == b.Outlet && a.Title == b.Title && a.Language == b.Language && a.Url == b.Url
        && Equivalent(a.Published, b.Published) && a.Retrieved == b.Retrieved;

    private static IReadOnlyList<ILedgerEvent> Identify(LedgerState state, IdentifyOccurrenceCommand c)
    {
        RequireId(c.OccurrenceId, "id");
        var identified = new OccurrenceIdentified(c.OccurrenceId, RequireText(c.Title, "title", "describe the occurrence in a few words"));
        if (state.Occurrences.TryGetValue(c.OccurrenceId, out var existing))
        {
            return existing == identified
                ? []
                : throw new DomainRuleViolated("id", $"occurrence '{c.OccurrenceId}' already exists with the title '{existing.Title}'; use another id");
        }
        return [identified];
    }

    private static IReadOnlyList<ILedgerEvent> Record(LedgerState state, RecordClaimCommand c)
    {
        RequireId(c.ClaimId, "id");
        if (!state.Sources.TryGetValue(c.SourceId, out var source))
        {
            throw new DomainRuleViolated("source", $"unknown source '{c.SourceId}'; register it first (in this file's sources or an earlier import)");
        }
        ClaimKinds.Code(c.Kind, c.Cameo);
        RequireText(c.Summary, "summary", "say in one sentence what the source claims");
        if (c.Quotes.Count == 0)
        {
            throw new DomainRuleViolated("quotes", "a claim needs at least one quote from its source");
        }
        for (var i = 0; i < c.Quotes.Count; i++)
        {
            CheckQuote(source, c.Quotes[i], $"quotes[{i}]");
        }
        var recorded = new ClaimRecorded(c.ClaimId, c.SourceId, c.Kind, c.Summary, c.Modality, c.Actors, c.Place, c.Occurred, c.Attribution, c.Quotes, c.Confidence, c.Effects, c.Note, c.Cameo);
        if (state.Claims.TryGetValue(c.ClaimId, out var existing))
        {
            return SameClaim(existing, recorded)
                ? []
                : throw new DomainRuleViolated("id", $"claim '{c.ClaimId}' is already recorded with different content; corrections are new events (retract, revise) or a claim with a new id");
        }
        return [recorded];
    }

    private static void CheckQuote(SourceRegistered source, Quote quote, string field)
    {
        if (quote.Start < 0 || quote.End > source.Text.Length || quote.End <= quote.Start)
        {
            throw new DomainRuleViolated(field, $"offsets [{quote.Start}, {quote.End}) are outside source '{source.SourceId}' (length {source.Text.Length} UTF-16 code units)");
        }
        var actual = source.Text[quote.Start..quote.End];
        if (!string.Equals(actual, quote.Text, StringComparison.Ordinal))
        {
            var found = source.Text.IndexOf(quote.Text, StringComparison.Ordinal);
            var hint = found >= 0 ? $"; the quote is found at [{found}, {found + quote.Text.Length})" : "; the quote text does not occur in the source at all";
            throw new DomainRuleViolated(field, $"the text at [{quote.Start}, {quote.End}) of source '{source.SourceId}' is «{Shorten(actual)}», not the quote «{Shorten(quote.Text)}»{hint}");
        }
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static bool SameClaim(ClaimRecorded a, ClaimRecorded b) =>
        a.SourceId == b.SourceId && a.Kind == b.Kind && a.Summary == b.Summary && a.Modality == b.Modality && a.Place == b.Place
        && a.Note == b.Note && a.Cameo == b.Cameo && a.Confidence == b.Confidence
        && a.Actors.SequenceEqual(b.Actors) && a.Attribution.SequenceEqual(b.Attribution)
        && a.Quotes.SequenceEqual(b.Quotes) && a.Effects.SequenceEqual(b.Effects) && Equivalent(a.Occurred, b.Occurred);

    private static bool Equivalent(Time.UncertainTime a, Time.UncertainTime b) =>
        a.Phrase == b.Phrase && a.Language == b.Language && a.Candidates.SequenceEqual(b.Candidates) && a.Findings.SequenceEqual(b.Findings);

    private static IReadOnlyList<ILedgerEvent> Link(LedgerState state, LinkClaimCommand c)
    {
        RequireClaim(state, c.ClaimId, "claim");
        if (!state.Occurrences.ContainsKey(c.OccurrenceId))
        {
            throw new DomainRuleViolated("occurrence", $"unknown occurrence '{c.OccurrenceId}'; identify it first");
        }
        if (state.OccurrenceOfClaim.TryGetValue(c.ClaimId, out var current) && current == c.OccurrenceId)
        {
            return [];
        }
        RequireLive(state, c.ClaimId, "claim");
        return [new ClaimLinked(c.ClaimId, c.OccurrenceId, RequireReason(c.Reason))];
    }

    private static IReadOnlyList<ILedgerEvent> Retract(LedgerState state, RetractClaimCommand c)
    {
        RequireClaim(state, c.ClaimId, "claim");
        if (state.Retracted.TryGetValue(c.ClaimId, out var reason))
        {
            // The same retraction replayed (a re-imported file) is a no-op; a new one is a mistake worth saying.
            return reason == c.Reason
                ? []
                : throw new DomainRuleViolated("claim", $"claim '{c.ClaimId}' is already retracted ({reason}); nothing to retract");
        }
        return [new ClaimRetracted(c.ClaimId, RequireReason(c.Reason))];
    }

    private static IReadOnlyList<ILedgerEvent> Revise(LedgerState state, ReviseConfidenceCommand c)
    {
        RequireClaim(state, c.ClaimId, "claim");
        var previous = state.CurrentConfidence[c.ClaimId];
        if (previous == c.Confidence)
        {
            return [];
        }
        RequireLive(state, c.ClaimId, "claim");
        return [new ConfidenceRevised(c.ClaimId, previous, c.Confidence, RequireReason(c.Reason))];
    }

    private static IReadOnlyList<ILedgerEvent> Relate(LedgerState state, string claimId, string otherId, string relation, string field, Func<ILedgerEvent> create)
    {
        RequireClaim(state, claimId, "claim");
        RequireClaim(state, otherId, "other");
        if (claimId == otherId)
        {
            throw new DomainRuleViolated("other", $"a claim cannot be related to itself ('{claimId}')");
        }
        if (state.Relations.Contains(LedgerState.RelationKey(relation, claimId, otherId, field)))
        {
            return [];
        }
        RequireLive(state, claimId, "claim");
        RequireLive(state, otherId, "other");
        return [create()];
    }

    private static IReadOnlyList<ILedgerEvent> Supersede(LedgerState state, SupersedeClaimCommand c)
    {
        RequireClaim(state, c.ClaimId, "claim");
        RequireClaim(state, c.SupersededBy, "by");
        if (c.ClaimId == c.SupersededBy)
        {
            throw new DomainRuleViolated("by", $"a claim cannot supersede itself ('{c.ClaimId}')");
        }
        RequireLive(state, c.SupersededBy, "by");
        if (state.Retracted.ContainsKey(c.ClaimId))
        {
            throw new DomainRuleViolated("claim", $"claim '{c.ClaimId}' is retracted; a retracted claim is not superseded");
        }
        if (state.SupersededBy.TryGetValue(c.ClaimId, out var current))
        {
            return current == c.SupersededBy
                ? []
                : throw new DomainRuleViolated("claim", $"claim '{c.ClaimId}' is already superseded by '{current}'; supersede '{current}' instead");
        }
        // Following the chain from the replacement must never come back: that would leave no current claim.
        for (var next = c.SupersededBy; state.SupersededBy.TryGetValue(next, out var after); next = after)
        {
            if (after == c.ClaimId)
            {
                throw new DomainRuleViolated("by", $"'{c.SupersededBy}' is itself (through '{next}') superseded by '{c.ClaimId}': that would be a cycle");
            }
        }
        return [new ClaimSuperseded(c.ClaimId, c.SupersededBy, RequireReason(c.Reason))];
    }

    private static string RequireField(string field) =>
        ContradictionFields.IsField(field)
            ? field
            : throw new DomainRuleViolated("field", $"'{field}' is not a contradiction field; use one of {ContradictionFields.Listed} (say more in the detail)");

    private static IReadOnlyList<ILedgerEvent> ResolveDisagreement(LedgerState state, ResolveContradictionCommand c)
    {
        RequireClaim(state, c.ClaimId, "claim");
        RequireClaim(state, c.OtherClaimId, "other");
        if (!state.Relations.Contains(LedgerState.RelationKey("contradicts", c.ClaimId, c.OtherClaimId, c.Field)))
        {
            throw new DomainRuleViolated("field", $"there is no open contradiction between '{c.ClaimId}' and '{c.OtherClaimId}' on '{c.Field}'");
        }
        return [new ContradictionResolved(c.ClaimId, c.OtherClaimId, c.Field, RequireText(c.Resolution, "resolution", "say which reading holds"), RequireReason(c.Reason))];
    }

    private static IReadOnlyList<ILedgerEvent> Redate(LedgerState state, RedateClaimCommand c)
    {
        RequireClaim(state, c.ClaimId, "claim");
        var previous = state.CurrentTime[c.ClaimId];
        if (Equivalent(previous, c.Occurred))
        {
            return [];
        }
        RequireLive(state, c.ClaimId, "claim");
        return [new ClaimRedated(c.ClaimId, previous, c.Occurred, RequireReason(c.Reason))];
    }

    private static IReadOnlyList<ILedgerEvent> Unlink(LedgerState state, UnlinkClaimCommand c)
    {
        RequireClaim(state, c.ClaimId, "claim");
        return state.OccurrenceOfClaim.TryGetValue(c.ClaimId, out var occurrence)
            ? [new ClaimUnlinked(c.ClaimId, occurrence, RequireReason(c.Reason))]
            : [];
    }

    /// <summary>Corrections act on claims still believed: a retracted one is history, not a subject of new judgements.</summary>
    private static void RequireLive(LedgerState state, string claimId, string field)
    {
        if (state.Retracted.TryGetValue(claimId, out var reason))
        {
            throw new DomainRuleViolated(field, $"claim '{claimId}' is retracted ({reason}); correct a claim that is still believed");
        }
    }

    private static void RequireClaim(LedgerState state, string claimId, string field)
    {
        if (!state.Claims.ContainsKey(claimId))
        {
            throw new DomainRuleViolated(field, $"unknown claim '{claimId}'; name a claim the ledger has recorded", Remedy.ListClaims);
        }
    }

    private static void RequireId(string id, string field)
    {
        if (!IdRule.IsValid(id))
        {
            throw new DomainRuleViolated(field, $"'{IdRule.Printable(id ?? "")}' is not a usable id: {IdRule.Description}");
        }
    }

    private static string RequireReason(string reason) => RequireText(reason, "reason", "say why, for the audit trail");

    private static string RequireText(string value, string field, string fix) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainRuleViolated(field, $"{field} is empty; {fix}") : value;
}
