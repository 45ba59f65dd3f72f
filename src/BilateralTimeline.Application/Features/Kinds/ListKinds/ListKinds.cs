using BilateralTimeline.Domain.Scoring;
using MediatR;

namespace BilateralTimeline.Application.Features.Kinds.ListKinds;

/// <summary>The claim kinds with the CAMEO code each defaults to, that code's Goldstein weight and its PLOVER category.</summary>
public sealed record ListKinds : IRequest<KindsView>;

/// <summary>One kind. <see cref="Root"/> is the CAMEO root a claim's own, finer code must lie under ("context" for kinds that never score).</summary>
public sealed record KindLine(string Kind, string Cameo, double Goldstein, string Plover, string Root, bool Contact, string Meaning);

public sealed record KindsView(string Scale, IReadOnlyList<KindLine> Kinds);

public sealed class ListKindsHandler : IRequestHandler<ListKinds, KindsView>
{
    public const string ScaleProvenance = "CAMEO → Goldstein weights as in GDELT 1.0's CAMEO.goldsteinscale.txt; PLOVER categories from the CAMEO2PLOVER table (2021); see docs/cameo-goldstein.md";

    public Task<KindsView> Handle(ListKinds request, CancellationToken cancellationToken) =>
        Task.FromResult(new KindsView(
            ScaleProvenance,
            ClaimKinds.Catalogue.Select(k => new KindLine(k.Kind, k.Cameo, k.Goldstein, k.Plover, k.Root, k.Contact, k.Meaning)).ToList()));
}
