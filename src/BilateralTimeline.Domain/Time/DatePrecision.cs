namespace BilateralTimeline.Domain.Time;

public enum DatePrecision { Instant, Day, Week, Month, Quarter, Year, Unknown }

/// <summary>How a candidate interval was obtained from the words of the source.</summary>
public enum ResolutionMethod
{
    Explicit,
    RelativeToPublication,
    RelativeToClaim,
    InferredFromContext,
    AnalystJudgement,
}
