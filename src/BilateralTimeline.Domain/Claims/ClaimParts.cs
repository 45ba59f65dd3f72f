namespace BilateralTimeline.Domain.Claims;

/// <summary>A person, office or body taking part in a claim. Level lets projections find high-level contact.</summary>
public sealed record Actor(string Name, string Role, string? Country, string? Title, ActorLevel Level);

public enum ActorLevel { HeadOfState, HeadOfGovernment, Minister, SeniorOfficial, Official, Organisation, Media, Person, Other }

/// <summary>
/// One link of who-said-it, outermost first: the article, the outlet it cites, the speaker quoted.
/// </summary>
public sealed record AttributionLink(string Name, AttributionKind Kind);

public enum AttributionKind { Source, Outlet, Agency, Speaker, Organisation, Unnamed }

/// <summary>
/// Exact words in the source text. Offsets count UTF-16 code units (as C# and JavaScript strings do),
/// start inclusive, end exclusive, so the quote equals text[start..end].
/// </summary>
public sealed record Quote(int Start, int End, string Text);

/// <summary>
/// What a claim says is now so: "embassy:AZE@Tehran" is "closed". Projections keep the latest
/// status of each subject; <see cref="Crisis"/> marks statuses that count as an open crisis.
/// </summary>
public sealed record StatusEffect(string Subject, string Status, bool Crisis);
