using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Drafting;

/// <summary>A person or office already named in the dyad's ledger, found again by its exact spelling.</summary>
public sealed record KnownActor(string Name, string? Country, string? Title, string? Level);

/// <summary>What the analyst tells the drafter about the article; everything else is read from the text.</summary>
/// <param name="Outlet">Who published it (null: "unknown").</param>
/// <param name="Published">The publication window (null: unknown, so relative dates stay unresolved).</param>
/// <param name="Language">"ar" or "en" (null: the script the text is mostly written in).</param>
/// <param name="Dyad">The two countries (null: the two the article names most).</param>
/// <param name="KnownActors">Names already in the dyad's ledger; found verbatim in a sentence, they become its actors.</param>
public sealed record DraftOptions(string? Outlet, UncertainTime? Published, string? Language, string? Dyad, IReadOnlyList<KnownActor> KnownActors);
