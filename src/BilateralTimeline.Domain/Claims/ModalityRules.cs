namespace BilateralTimeline.Domain.Claims;

public static class ModalityRules
{
    /// <summary>A claim that says the thing happened (asserted, reported, unconfirmed), not an opinion or a denial: only these are evidence that it happened, or move the score.</summary>
    public static bool SaysItHappened(this Modality modality) => modality is Modality.Asserted or Modality.Reported or Modality.Unconfirmed;
}
