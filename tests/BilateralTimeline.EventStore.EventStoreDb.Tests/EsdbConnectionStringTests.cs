namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

public sealed class EsdbConnectionStringTests
{
    [Fact]
    public void A_single_insecure_host_is_parsed_with_default_deadline()
    {
        // When
        var parsed = EsdbConnectionString.Parse("esdb://localhost:2113?tls=false");

        // Then
        Assert.Equal([new EsdbEndpoint("localhost", 2113)], parsed.Hosts);
        Assert.False(parsed.Tls);
        Assert.Null(parsed.UserName);
        Assert.Equal(EsdbConnectionString.DefaultCallDeadline, parsed.DefaultDeadline);
        Assert.Equal((EsdbNodePreference.Leader, 10), (parsed.NodePreference, parsed.MaxDiscoverAttempts));
    }

    [Fact]
    public void Credentials_several_hosts_and_every_supported_option_are_read()
    {
        // When
        var parsed = EsdbConnectionString.Parse("esdb://admin:ch%40nge:it@node1.example:2113,node2.example,[::1]:2115?TLS=true&tlsVerifyCert=false&defaultDeadline=2500&nodePreference=Follower&MaxDiscoverAttempts=4&discoveryInterval=250&gossipTimeout=1500");

        // Then
        Assert.Equal([new EsdbEndpoint("node1.example", 2113), new EsdbEndpoint("node2.example", 2113), new EsdbEndpoint("::1", 2115)], parsed.Hosts);
        Assert.Equal(("admin", "ch@nge:it"), (parsed.UserName, parsed.Password));
        Assert.True(parsed.Tls);
        Assert.False(parsed.TlsVerifyCert);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), parsed.DefaultDeadline);
        Assert.Equal(EsdbNodePreference.Follower, parsed.NodePreference);
        Assert.Equal((4, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1500)), (parsed.MaxDiscoverAttempts, parsed.DiscoveryInterval, parsed.GossipTimeout));
        Assert.DoesNotContain("ch@nge", parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_is_on_unless_switched_off()
    {
        Assert.True(EsdbConnectionString.Parse("esdb://db.example:2113").Tls);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("postgres://localhost/db", "scheme 'postgres://'")]
    [InlineData("esdb+discover://cluster.example:2113", "esdb+discover")]
    [InlineData("esdb://localhost:2113?keepAliveInterval=10000", "option 'keepAliveInterval' is not supported")]
    [InlineData("esdb://localhost:2113?tlsCaFile=/ca.crt", "option 'tlsCaFile' is not supported")]
    [InlineData("esdb://localhost:2113?tls=maybe", "'tls=maybe' must be true or false")]
    [InlineData("esdb://localhost:2113?defaultDeadline=-5", "defaultDeadline=-5")]
    [InlineData("esdb://localhost:2113?nodePreference=readonlyreplica", "nodePreference=leader|follower|random")]
    [InlineData("esdb://localhost:99999", "port '99999'")]
    [InlineData("esdb://localhost:abc", "port 'abc'")]
    [InlineData("esdb://a:2113,,b:2113", "a host is missing")]
    [InlineData("esdb://admin@localhost:2113", "user:password")]
    [InlineData("esdb://localhost:2113/streams", "has a path")]
    [InlineData("esdb://admin:secret@db.example:2113?tls=false", "credentials with tls=false")]
    public void Unsupported_or_malformed_strings_are_refused_naming_the_part(string text, string expected)
    {
        // When
        var error = Assert.Throws<FormatException>(() => EsdbConnectionString.Parse(text));

        // Then
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_with_a_bad_string_is_an_argument_error_naming_the_option()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EventStoreDbEventStore.OpenAsync("esdb://localhost:2113?connectionName=x", TimeProvider.System));

        Assert.Contains("connectionName", error.Message, StringComparison.Ordinal);
    }
}
