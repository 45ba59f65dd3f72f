using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Sources;

/// <summary>
/// A document entered the ledger with its full text. <see cref="Sha256"/> is over the UTF-8 bytes of
/// <see cref="Text"/>, so any later quote can be checked against exactly what was read.
/// </summary>
[EventType("source-registered/v1")]
public sealed record SourceRegistered(
    string SourceId,
    string Outlet,
    string Language,
    string Title,
    string? Url,
    UncertainTime Published,
    DateTimeOffset? Retrieved,
    string Text,
    string Sha256) : ILedgerEvent;
