using BilateralTimeline.Application.Serialization;
using System.Globalization;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Input;

/// <summary>Turns a validated file into ledger commands, each with the path of the part it came from.</summary>
internal static class ImportMapper
{
    /// <param name="document">The validated document.</param>
    /// <param name="sourceTexts">Texts read from the sources' "textFile"s, by source id.</param>
    /// <param name="origin">The file the document was imported from, named in the reason of each link it makes; null for a part recorded on its own.</param>
    public static List<(string Path, LedgerCommand Command)> ToCommands(ImportDocument document, IReadOnlyDictionary<string, string> sourceTexts, string? origin)
    {
        // Sized for a command per part and a link per claim: an import file's list grew through a series of large arrays.
        var claims = document.Claims?.Count ?? 0;
        var commands = new List<(string, LedgerCommand)>((document.Sources?.Count ?? 0) + (document.Occurrences?.Count ?? 0) + (2 * claims)
            + (document.Relations?.Count ?? 0) + (document.Corrections?.Count ?? 0));
        foreach (var (source, i) in (document.Sources ?? []).Select((s, i) => (s, i)))
        {
            var text = source.Text ?? sourceTexts[source.Id!];
            commands.Add(($"sources[{i}]", new RegisterSourceCommand(
                source.Id!, source.Outlet!, source.Language!, source.Title!, source.Url,
                Time(source.Published), source.Retrieved is { } r ? DateTimeOffset.Parse(r, CultureInfo.InvariantCulture) : null, text)));
        }
        foreach (var (occurrence, i) in (document.Occurrences ?? []).Select((o, i) => (o, i)))
        {
            commands.Add(($"occurrences[{i}]", new IdentifyOccurrenceCommand(occurrence.Id!, occurrence.Title!)));
        }
        foreach (var (claim, i) in (document.Claims ?? []).Select((c, i) => (c, i)))
        {
            commands.Add(($"claims[{i}]", new RecordClaimCommand(
                claim.Id!, claim.Source!, claim.Kind!, claim.Summary!, Enum<Modality>(claim.Modality),
                (claim.Actors ?? []).Select(a => new Actor(a.Name!, a.Role!, a.Country, a.Title, a.Level is null ? ActorLevel.Other : Enum<ActorLevel>(a.Level))).ToList(),
                claim.Place, Time(claim.Occurred),
                (claim.Attribution ?? []).Select(a => new AttributionLink(a.Name!, Enum<AttributionKind>(a.Kind))).ToList(),
                claim.Quotes!.Select(q => new Quote(q.Start!.Value, q.End!.Value, q.Text!)).ToList(),
                Confidence(claim.Confidence!),
                (claim.Effects ?? []).Select(e => new StatusEffect(e.Subject!, e.Status!, e.Crisis ?? false)).ToList(),
                Note(claim),
                claim.Cameo)));
            if (claim.Occurrence is { Length: > 0 } occurrenceId)
            {
                commands.Add(($"claims[{i}].occurrence", new LinkClaimCommand(claim.Id!, occurrenceId, origin is null ? "named by the claim when it was recorded" : $"imported from {origin}")));
            }
        }
        foreach (var (relation, i) in (document.Relations ?? []).Select((r, i) => (r, i)))
        {
            LedgerCommand command = relation.Type == "corroborates"
                ? new MarkCorroborationCommand(relation.Claim!, relation.Other!, relation.Reason!)
                : new MarkContradictionCommand(relation.Claim!, relation.Other!, relation.Field!, relation.Reason!, relation.Detail);
            commands.Add(($"relations[{i}]", command));
        }
        foreach (var (correction, i) in (document.Corrections ?? []).Select((c, i) => (c, i)))
        {
            LedgerCommand command = correction.Type switch
            {
                "retract" => new RetractClaimCommand(correction.Claim!, correction.Reason!),
                "revise-confidence" => new ReviseConfidenceCommand(correction.Claim!, Confidence(correction.Confidence!), correction.Reason!),
                "supersede" => new SupersedeClaimCommand(correction.Claim!, correction.By!, correction.Reason!),
                "redate" => new RedateClaimCommand(correction.Claim!, Time(correction.Occurred), correction.Reason!),
                "link" => new LinkClaimCommand(correction.Claim!, correction.Occurrence!, correction.Reason!),
                "unlink" => new UnlinkClaimCommand(correction.Claim!, correction.Reason!),
                _ => new ResolveContradictionCommand(correction.Claim!, correction.Other!, correction.Field!, correction.Resolution!, correction.Reason!),
            };
            commands.Add(($"corrections[{i}]", command));
        }
        return commands;
    }

    /// <summary>
    /// A drafted proposal reaches here only when the analyst accepted the whole file's proposals
    /// unreviewed; the claim itself then says so, so no reader mistakes it for a reviewed judgement.
    /// </summary>
    private static string? Note(ClaimDto claim) =>
        claim.Proposed == true
            ? $"{(claim.Note is { Length: > 0 } n ? n + " " : "")}[drafted by bt draft (cue: {claim.Cue ?? "none"}); accepted unreviewed with --accept-proposed]"
            : claim.Note;

    public static Confidence Confidence(ConfidenceDto dto)
    {
        ConfidenceDtoValidator.TryReliability(dto.Reliability!, out var reliability);
        return Domain.Claims.Confidence.Create(reliability, dto.Credibility!.Value, dto.Likelihood is null ? null : Enum<Likelihood>(dto.Likelihood));
    }

    public static UncertainTime Time(TimeDto? dto)
    {
        if (dto is null)
        {
            return UncertainTime.Unknown;
        }
        var findings = new List<string>(dto.Findings ?? []);
        var candidates = new List<CandidateInterval>();
        foreach (var c in dto.Candidates ?? [])
        {
            var candidate = CandidateInterval.Create(
                TimeDtoValidator.ParseDate(c.From!), TimeDtoValidator.ParseDate(c.To!),
                Enum<DatePrecision>(c.Precision), Enum<ResolutionMethod>(c.Method), c.Anchor, c.Reason);
            if (c.At is { } at && Application.Dates.ZonedTimes.Read(at, c.Zone, out _) is { } reading)
            {
                candidate = candidate with { At = reading.Instant, TimeZone = c.Zone };
                if (reading.Finding is { } ambiguity)
                {
                    findings.Add(ambiguity);
                }
            }
            candidates.Add(candidate);
        }
        return new UncertainTime(dto.Phrase, dto.Language, candidates, findings);
    }

    private static T Enum<T>(string? text) where T : struct, System.Enum =>
        Kebab.TryParse<T>(text, out var value) ? value : throw new InvalidOperationException($"validated value '{text}' does not parse as {typeof(T).Name}");
}
