using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// HEAD is answered wherever GET is (RFC 9110 §9.3.2): the same status and headers, no body (Kestrel
/// drops the body of a HEAD response). Applied last, to every endpoint of the group it is added to.
/// </summary>
internal static class HeadRequests
{
    public static void AllowOnGets(EndpointBuilder endpoint)
    {
        var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault();
        if (methods is not null && methods.HttpMethods.Contains("GET") && !methods.HttpMethods.Contains("HEAD"))
        {
            // Routing reads the last method metadata, so this one wins.
            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, "HEAD"], methods.AcceptCorsPreflight));
        }
    }
}
