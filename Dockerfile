# syntax=docker/dockerfile:1
# IssueSync worker image: docker build -t issuesync .
# The SDK in the build image must satisfy global.json (10.0.401, rolling forward to later feature bands);
# pin a newer tag with --build-arg DOTNET_TAG=... if the floating 10.0 tag ever lags behind it.
ARG DOTNET_TAG=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_TAG} AS build
WORKDIR /src

# Restore first, from the files that decide the package graph only, so a source change keeps this layer.
# (Add NuGet.config to this COPY if the repository ever gets one.)
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY eng/ eng/
COPY src/Sync.Core/Sync.Core.csproj src/Sync.Core/
COPY src/Sync.Worker/Sync.Worker.csproj src/Sync.Worker/
RUN dotnet restore src/Sync.Worker/Sync.Worker.csproj

# Only the shipped projects' sources: the sandbox trackers and their demo (src/Sync.Sandbox, src/Sync.Demo) stay out.
COPY src/Sync.Core/ src/Sync.Core/
COPY src/Sync.Worker/ src/Sync.Worker/
RUN dotnet publish src/Sync.Worker -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_TAG} AS final
WORKDIR /app
# The binaries stay owned by root: the app user can read them, not change them.
COPY --from=build /app ./

# The SQLite default (IssueSync:Storage:SqlitePath = data/issuesync.db) is relative to the working directory, so
# the only writable place the image needs is /app/data. Kubernetes mounts an emptyDir or a PVC there instead.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME ["/app/data"]

ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_ENVIRONMENT=Production
EXPOSE 8080

# The non-root "app" user (UID 1654) that .NET 8+ images define.
USER $APP_UID
ENTRYPOINT ["dotnet", "Sync.Worker.dll"]
