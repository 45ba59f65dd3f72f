using BilateralTimeline.Testing;

namespace BilateralTimeline.EventStore.InMemory.Tests;

/// <summary>
/// The one reading of BT_TEST_POSTGRES every PostgreSQL test goes through. It lives here because this
/// project runs no PostgreSQL test that the variable's brief removal could disturb.
/// </summary>
public sealed class TestPostgresTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_the_variable_a_PostgreSQL_test_fails_instead_of_skipping(string? value)
    {
        // Given
        var saved = Environment.GetEnvironmentVariable(TestPostgres.Variable);
        Environment.SetEnvironmentVariable(TestPostgres.Variable, value);
        try
        {
            // When
            var error = Assert.Throws<InvalidOperationException>(() => TestPostgres.ConnectionString);

            // Then
            Assert.Contains("BT_TEST_POSTGRES is not set", error.Message, StringComparison.Ordinal);
            Assert.Contains("bash infra/test.sh", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestPostgres.Variable, saved);
        }
    }

    [Fact]
    public void With_the_variable_its_value_is_the_connection_string()
    {
        var saved = Environment.GetEnvironmentVariable(TestPostgres.Variable);
        Environment.SetEnvironmentVariable(TestPostgres.Variable, "Host=example;Username=bt");
        try
        {
            Assert.Equal("Host=example;Username=bt", TestPostgres.ConnectionString);
            Assert.Contains("Search Path=s1", TestPostgres.WithSearchPath("s1"), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestPostgres.Variable, saved);
        }
    }
}
