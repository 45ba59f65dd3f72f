namespace BilateralTimeline.Domain.Claims;

/// <summary>How the source puts the claim forward; decides whether a claim can move the score.</summary>
public enum Modality
{
    /// <summary>The source states it as fact in its own voice.</summary>
    Asserted,
    /// <summary>The source reports what someone else said or published.</summary>
    Reported,
    /// <summary>An opinion, assessment or forecast: never an event.</summary>
    Opinion,
    /// <summary>Explicitly flagged as unconfirmed by the source.</summary>
    Unconfirmed,
    /// <summary>Someone denies something.</summary>
    Denial,
}
