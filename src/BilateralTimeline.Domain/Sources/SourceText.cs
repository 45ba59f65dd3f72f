using System.Security.Cryptography;
using System.Text;

namespace BilateralTimeline.Domain.Sources;

public static class SourceText
{
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
