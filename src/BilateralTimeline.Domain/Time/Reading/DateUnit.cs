namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>The units a date phrase counts or names: "18 months", "last week".</summary>
public enum DateUnit { Day, Week, Month, Year }
