using BilateralTimeline.Application.Features.Corrections.AddActorAlias;
using BilateralTimeline.Application.Features.Corrections.IdentifyActor;
using BilateralTimeline.Application.Features.Corrections.MergeActors;
using BilateralTimeline.Application.Features.Corrections.UnmergeActors;
using BilateralTimeline.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Actors;

// Bodies of POST /api/actors/{verb}. Who records comes from the API key, the expected revision from If-Match.
public sealed record IdentifyActorBody(string? Dyad, string? ActorId, string? Name);

public sealed record AliasActorBody(string? Dyad, string? ActorId, string? Alias, string? Reason);

public sealed record MergeActorsBody(string? Dyad, string? ActorId, string? IntoActorId, string? Reason);

public sealed record UnmergeActorsBody(string? Dyad, string? ActorId, string? Reason);

/// <summary>The actor registry's writes (analyst key): each records one event through the one write path, as `bt actors identify|alias|merge|unmerge` do.</summary>
internal static class ActorRegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var actors = api.MapGroup("/actors");

        actors.MapWrite<IdentifyActorBody>("/identify", "Take a person to be one entity with an id and a shown name", (b, by, rev) => new IdentifyActor(b.Dyad, b.ActorId ?? "", b.Name ?? "", by, rev));
        actors.MapWrite<AliasActorBody>("/alias", "Record another spelling of an identified actor's name", (b, by, rev) => new AddActorAlias(b.Dyad, b.ActorId ?? "", b.Alias ?? "", b.Reason ?? "", by, rev));
        actors.MapWrite<MergeActorsBody>("/merge", "Take two identified actors to be one person", (b, by, rev) => new MergeActors(b.Dyad, b.ActorId ?? "", b.IntoActorId ?? "", b.Reason ?? "", by, rev));
        actors.MapWrite<UnmergeActorsBody>("/unmerge", "Undo a merge of actors", (b, by, rev) => new UnmergeActors(b.Dyad, b.ActorId ?? "", b.Reason ?? "", by, rev));
    }
}
