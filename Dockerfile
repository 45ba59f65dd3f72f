# bt in a container: `docker build -t bilateral-timeline .` then
#   docker run --rm -p 127.0.0.1:5080:5080 -v bt-data:/data bilateral-timeline
# Not exercised by the tests: the machine the project is built on has no container runtime (docs/install.md).

# Build with the SDK; only the published program reaches the runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig BilateralTimeline.sln README.md ./
COPY src/ src/
# The sample articles are published beside bt.dll, so `docker run IMAGE demo` works.
COPY samples/ samples/
RUN dotnet restore src/BilateralTimeline.Cli/BilateralTimeline.Cli.csproj
RUN dotnet publish src/BilateralTimeline.Cli/BilateralTimeline.Cli.csproj -c Release --no-restore -o /app

# ASP.NET Core runtime: bt serve hosts the API, and every other command runs on the same runtime.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The embedded store lives in a volume so it outlives the container; owned by the image's non-root
# user (APP_UID, "app"), which a fresh named volume inherits.
RUN mkdir /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app ./
ENV BT_DB=/data/timeline.db \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
USER $APP_UID
EXPOSE 5080
# `dotnet bt.dll` rather than the app host, so the image does not depend on the build stage's architecture.
ENTRYPOINT ["dotnet", "/app/bt.dll"]
# 0.0.0.0 answers the loopback names and the container's own addresses (so -p 127.0.0.1:5080:5080 and
# http://localhost:5080 work); add the public name behind a proxy with --allowed-hosts NAME (docs/security.md).
CMD ["serve", "--urls", "http://0.0.0.0:5080"]
