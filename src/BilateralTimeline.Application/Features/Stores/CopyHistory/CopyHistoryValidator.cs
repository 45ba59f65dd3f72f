using BilateralTimeline.Application.Ports;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Stores.CopyHistory;

public sealed class CopyHistoryValidator : AbstractValidator<CopyHistory>
{
    public CopyHistoryValidator(IStoreCatalog catalog)
    {
        RuleFor(x => x.From).Must(s => catalog.Find(s.Kind) is not null).WithMessage(s => $"'{s.From.Kind}' is not a store kind; use one of {catalog.KindNames}");
        RuleFor(x => x.To).Must(s => catalog.Find(s.Kind) is not null).WithMessage(s => $"'{s.To.Kind}' is not a store kind; use one of {catalog.KindNames}");
        RuleFor(x => x.From.Address.Target).NotEmpty().OverridePropertyName("from").WithMessage("names no store: give where it is after the kind, e.g. sqlite:demo.db");
        RuleFor(x => x.To.Address.Target).NotEmpty().OverridePropertyName("to").WithMessage("names no store: give where it is after the kind, e.g. sqlite:copy.db");
        RuleFor(x => x.To)
            .Must((request, to) => !SameStore(catalog, request.From, to))
            .WithMessage(request => $"is the source itself ({Described(catalog, request.From)}); copy into another, empty store")
            .When(request => catalog.Find(request.From.Kind) is not null && catalog.Find(request.To.Kind) is not null);
    }

    /// <summary>
    /// Two locators name one store when their adapter describes them alike (a SQLite path made full, a
    /// PostgreSQL server, database and schema) and they share a namespace.
    /// </summary>
    private static bool SameStore(IStoreCatalog catalog, StoreLocator from, StoreLocator to) =>
        catalog.Find(from.Kind) == catalog.Find(to.Kind)
        && from.Address.Namespace == to.Address.Namespace
        && Described(catalog, from) is { } described
        && described == Described(catalog, to);

    /// <summary>The adapter's description; null when the address is malformed, which opening the store reports in its own words.</summary>
    private static string? Described(IStoreCatalog catalog, StoreLocator store)
    {
        try
        {
            return catalog.Find(store.Kind)?.Describe(store.Address);
        }
        catch (Exception e) when (e is EventStoreException or ArgumentException)
        {
            return null;
        }
    }
}
