package dev.ocisc.oci.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ocisc.catalog.ImageCatalog;
import dev.ocisc.failure.InvalidInputException;
import dev.ocisc.oci.Image;
import dev.ocisc.oci.ImageLocation;
import dev.ocisc.oci.ImageReader;
import dev.ocisc.oci.ImageReference;
import dev.ocisc.oci.Layer;
import dev.ocisc.oci.LayerSummarizer;
import dev.ocisc.oci.Limits;
import dev.ocisc.oci.ReadOptions;
import dev.ocisc.oci.RegistryAccess;
import dev.ocisc.testing.LocalRegistry;
import dev.ocisc.testing.RecordingProgress;
import dev.ocisc.testing.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images read where they live: pushed with skopeo into a real registry, read back, compared with the fixture. */
class RegistryImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEBIAN = Path.of("..", "testdata", "oci", "debian").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private static ImageReference ref(String s) {
        return ImageReference.parse(s).orElseThrow();
    }

    private ReadOptions options(Map<String, String> env, List<Path> cacerts) {
        return ReadOptions.defaults().withRegistry(new RegistryAccess(Set.of(), cacerts, env));
    }

    @Test
    void imageReadFromRegistryIsTheFixture() {
        try (LocalRegistry registry = LocalRegistry.plain(tmp)) {
            String pushed = registry.push("oci:" + DEBIAN + ":latest", "debian:latest");
            ReadOptions opts = options(Map.of(), List.of());
            RecordingProgress download = new RecordingProgress();
            Image remote = ImageReader.read(ref(pushed), opts.withProgress(download), LayerSummarizer::new).image();
            Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), opts, LayerSummarizer::new).image();
            // The download is reported in the layer blobs' bytes, all of them, under the reference's name.
            long blobBytes = remote.layers().stream().mapToLong(Layer::size).sum();
            assertEquals("downloading " + pushed, download.only().label);
            assertEquals(blobBytes, download.only().total);
            assertEquals(blobBytes, download.only().advanced.get());
            assertTrue(download.only().closed.get());
            assertEquals(local.manifestDigest(), remote.manifestDigest());
            assertEquals(local.layers().stream().map(Layer::digest).toList(),
                    remote.layers().stream().map(Layer::digest).toList());
            assertEquals(pushed, remote.name());
            assertEquals(ImageCatalog.of(DEBIAN, opts).packages(), ImageCatalog.of(ref(pushed), opts).packages());

            // By digest, the same image; an unknown tag is a one-line error naming the reference.
            Image byDigest = ImageReader.read(ref(registry.host() + "/debian@" + local.manifestDigest()), opts,
                    LayerSummarizer::new).image();
            assertEquals(local.configDigest(), byDigest.configDigest());
            InvalidInputException missing = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(registry.host() + "/debian:nope"), opts, LayerSummarizer::new));
            assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
            assertTrue(missing.getMessage().startsWith(registry.host() + "/debian:nope"), missing.getMessage());
        }
    }

    @Test
    void tlsAndBasicAuth() throws IOException {
        try (LocalRegistry registry = LocalRegistry.secured(tmp)) {
            String pushed = registry.push("oci:" + DEBIAN + ":latest", "debian:latest");
            Map<String, String> good = Map.of("REGISTRY_AUTH_FILE",
                    registry.authFile(LocalRegistry.USER, LocalRegistry.PASSWORD).toString());
            List<Path> ca = List.of(registry.caCertificate());
            Image image = ImageReader.read(ref(pushed), options(good, ca), LayerSummarizer::new).image();
            Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), ReadOptions.defaults(),
                    LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), image.manifestDigest());

            // Without the CA the registry's certificate is not trusted.
            InvalidInputException untrusted = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(pushed), options(good, List.of()), LayerSummarizer::new));
            assertTrue(untrusted.getMessage().contains("TLS"), untrusted.getMessage());

            Map<String, String> bad = Map.of("REGISTRY_AUTH_FILE",
                    registry.authFile(LocalRegistry.USER, "wrong").toString());
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(pushed), options(bad, ca), LayerSummarizer::new));
            assertTrue(refused.getMessage().contains("authentication failed for " + registry.host()),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"));

            InvalidInputException none = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(pushed), options(Map.of(), ca), LayerSummarizer::new));
            assertTrue(none.getMessage().contains("none are stored"), none.getMessage());
        }
    }

    /** The same gzip stream with another OS byte in its header (no checksum covers it): a valid layer, other bytes. */
    private static byte[] otherBytes(byte[] gzip) {
        byte[] b = gzip.clone();
        b[9] = (byte) (b[9] == 3 ? 255 : 3);
        return b;
    }

    /**
     * A registry made here that serves the debian fixture, answering its first {@code busy} requests with 503, and
     * serving {@code lie} (a layer's digest, or null) with other bytes than that digest's: no real registry does
     * either on purpose.
     */
    private static HttpServer fake(int busy, Layer lie, AtomicInteger requests) throws IOException {
        Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), ReadOptions.defaults(),
                LayerSummarizer::new).image();
        HttpServer server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (requests.incrementAndGet() <= busy) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body;
            String type = "application/octet-stream";
            if (path.contains("/manifests/")) {
                body = Files.readAllBytes(DEBIAN.resolve("blobs/sha256/" + local.manifestDigest().hex()));
                type = "application/vnd.oci.image.manifest.v1+json";
            } else {
                body = Files.readAllBytes(DEBIAN.resolve("blobs/sha256/" + last.substring(7)));
                if (lie != null && last.equals(lie.digest().toString())) {
                    body = otherBytes(body);
                }
            }
            answer(exchange, type, body);
        });
        server.start();
        return server;
    }

    /** A 200 answer of {@code body}: its length only, for a HEAD request, as a registry answers. */
    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body)
            throws java.io.IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
        }
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    private static String reference(HttpServer server) {
        return "127.0.0.1:" + server.getAddress().getPort() + "/debian:latest";
    }

    @Test
    void aBlobThatIsNotItsDigestIsRefused() throws IOException {
        Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), ReadOptions.defaults(),
                LayerSummarizer::new).image();
        Layer lied = local.layers().get(0);
        HttpServer server = fake(0, lied, new AtomicInteger());
        try {
            // No cache (no HOME in this environment): a blob read before would not be asked for again.
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(reference(server)), options(Map.of(), List.of()), LayerSummarizer::new));
            assertTrue(e.getMessage().startsWith(reference(server) + ": layer 0 (" + lied.digest()
                    + "): digest mismatch"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBusyRegistryIsAskedAgain() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = fake(2, null, requests);
        try {
            Image image = ImageReader.read(ref(reference(server)), ReadOptions.defaults(), LayerSummarizer::new)
                    .image();
            assertEquals(2, image.layers().size());
            assertTrue(requests.get() > 2);
        } finally {
            server.stop(0);
        }
        AtomicInteger always = new AtomicInteger();
        HttpServer down = fake(Integer.MAX_VALUE, null, always);
        try {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(reference(down)), ReadOptions.defaults(), LayerSummarizer::new));
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
            assertEquals(4, always.get()); // the probe of /v2/ over HTTPS never reached this plain server
        } finally {
            down.stop(0);
        }
    }

    @Test
    void aManifestOverTheCapIsRefusedBeforeItIsRead() {
        try (LocalRegistry registry = LocalRegistry.plain(tmp)) {
            String pushed = registry.push("oci:" + DEBIAN + ":latest", "debian:latest");
            Limits d = Limits.defaults();
            Limits small = new Limits(100, d.maxUncompressedBytes(), d.maxRatio(), d.ratioGraceBytes(),
                    d.maxEntries(), d.maxCapturedFileBytes(), d.maxHeaderBytes(), d.maxDescriptors());
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.read(ref(pushed),
                    ReadOptions.defaults().withLimits(small), LayerSummarizer::new));
            assertTrue(e.getMessage().contains("larger than the 100-byte limit"), e.getMessage());
        }
    }

    /**
     * Bearer tokens as the distribution spec describes them: the registry (configured for token auth) challenges,
     * ocisc asks the realm it names, with the stored credentials, for a token of the scope it names. The token
     * service is made here; its JWTs are signed by a key whose certificate the registry trusts.
     */
    @Test
    void bearerTokensFromTheRealmTheRegistryNames() throws Exception {
        Tools.require("openssl");
        Path keys = Files.createDirectories(tmp.resolve("signer"));
        Tools.check(keys, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=ocisc token signer");
        Tools.check(keys, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out",
                "key.der");
        Tools.check(keys, "openssl", "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Files.readAllBytes(keys.resolve("key.der"))));
        String x5c = Base64.getEncoder().encodeToString(Files.readAllBytes(keys.resolve("cert.der")));
        AtomicInteger issued = new AtomicInteger();
        HttpServer issuer = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        List<String> grants = new java.util.concurrent.CopyOnWriteArrayList<>();
        issuer.createContext("/token", exchange -> {
            String basic = "Basic " + Base64.getEncoder().encodeToString((LocalRegistry.USER + ":"
                    + LocalRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
            // A GET with basic auth, or Docker's OAuth2 POST trading an identity (refresh) token.
            boolean post = exchange.getRequestMethod().equals("POST");
            String params = post ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : exchange.getRequestURI().getRawQuery();
            boolean allowed = post ? (params + "&").contains("&refresh_token=" + IDENTITY_TOKEN + "&")
                    && params.contains("grant_type=refresh_token")
                    : basic.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!allowed) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            grants.add(post ? "refresh_token" : "basic");
            ObjectNode claims = JSON.createObjectNode();
            ArrayNode access = claims.putArray("access");
            for (String param : params.split("&")) {
                String[] kv = param.split("=", 2);
                if (kv[0].equals("scope")) {
                    String[] scope = URLDecoder.decode(kv[1], StandardCharsets.UTF_8).split(":");
                    ObjectNode a = access.addObject().put("type", scope[0]).put("name", scope[1]);
                    for (String action : scope[2].split(",")) {
                        a.withArray("actions").add(action);
                    }
                }
            }
            long now = System.currentTimeMillis() / 1000;
            claims.put("iss", LocalRegistry.TOKEN_ISSUER).put("sub", LocalRegistry.USER)
                    .put("aud", LocalRegistry.TOKEN_SERVICE).put("exp", now + 300).put("nbf", now - 10)
                    .put("iat", now).put("jti", "t" + issued.incrementAndGet());
            ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("typ", "JWT");
            header.putArray("x5c").add(x5c);
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String signed = url.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + url.encodeToString(JSON.writeValueAsBytes(claims));
            byte[] body;
            try {
                Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
                es256.initSign(key);
                es256.update(signed.getBytes(StandardCharsets.US_ASCII));
                    String token = signed + "." + url.encodeToString(es256.sign());
                body = JSON.writeValueAsBytes(post ? JSON.createObjectNode().put("access_token", token)
                        : JSON.createObjectNode().put("token", token));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        issuer.start();
        String realm = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/token";
        try (LocalRegistry registry = LocalRegistry.withTokens(tmp, realm, keys.resolve("cert.pem"))) {
            String pushed = registry.push("oci:" + DEBIAN + ":latest", "debian:latest", true);
            int afterPush = issued.get();
            Map<String, String> good = Map.of("REGISTRY_AUTH_FILE",
                    registry.authFile(LocalRegistry.USER, LocalRegistry.PASSWORD).toString());
            Image image = ImageReader.read(ref(pushed), options(good, List.of()), LayerSummarizer::new).image();
            Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), ReadOptions.defaults(),
                    LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), image.manifestDigest());
            assertTrue(issued.get() > afterPush, "ocisc asked the token service");

            // A push needs a wider scope (pull,push) than the reads before it: challenged again, asked again.
            int afterRead = issued.get();
            dev.ocisc.oci.Descriptor subject = dev.ocisc.oci.Referrers.subject(ref(pushed), options(good, List.of()));
            RegistryReferrers referrers = new RegistryReferrers(ref(pushed), new RegistryAccess(Set.of(), List.of(),
                    good), Limits.defaults());
            dev.ocisc.oci.Referrers.Attached attached = referrers.attach(subject, new dev.ocisc.oci.Attachment(
                    dev.ocisc.oci.Attachment.SPDX_JSON, "{}".getBytes(StandardCharsets.UTF_8), new java.util.TreeMap<>()),
                    null);
            assertEquals("referrers tag sha256-" + subject.digest().hex(), attached.via());
            assertTrue(issued.get() > afterRead, "a push token was asked for");
            assertEquals(1, referrers.find(subject, dev.ocisc.oci.Attachment::isSbom).referrers().size());

            Map<String, String> bad = Map.of("REGISTRY_AUTH_FILE",
                    registry.authFile(LocalRegistry.USER, "wrong").toString());
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(pushed), options(bad, List.of()), LayerSummarizer::new));
            assertTrue(refused.getMessage().contains("authentication failed for " + registry.host()), refused.getMessage());

            // An identity token (Docker's identitytoken entry, or a helper's <token> user) is traded with the
            // refresh-token grant, never sent as a password.
            grants.clear();
            Path docker = Files.createDirectories(tmp.resolve("docker-config"));
            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.host()
                    + "\":{\"identitytoken\":\"" + IDENTITY_TOKEN + "\"}}}");
            Image byIdentity = ImageReader.read(ref(pushed), options(Map.of("DOCKER_CONFIG", docker.toString()),
                    List.of()), LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), byIdentity.manifestDigest());
            assertTrue(!grants.isEmpty() && grants.stream().allMatch("refresh_token"::equals), grants.toString());

            Path bin = Files.createDirectories(tmp.resolve("bin"));
            helper(bin, "tokens", registry.host(), "<token>", IDENTITY_TOKEN);
            Files.writeString(docker.resolve("config.json"), "{\"credHelpers\":{\"" + registry.host()
                    + "\":\"tokens\"}}");
            grants.clear();
            Image byHelperToken = ImageReader.read(ref(pushed), options(Map.of("DOCKER_CONFIG", docker.toString(),
                    "PATH", bin + ":" + System.getenv("PATH")), List.of()), LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), byHelperToken.manifestDigest());
            assertTrue(!grants.isEmpty() && grants.stream().allMatch("refresh_token"::equals), grants.toString());
        } finally {
            issuer.stop(0);
        }
    }

    private static final String IDENTITY_TOKEN = "identity-token-for-ocisc";

    /**
     * Writes {@code docker-credential-NAME}, a credential helper as Docker runs them (a shell script is a real
     * helper): {@code get} reads the server on stdin, appends it to {@code bin/asked}, and answers the JSON of
     * {@code user} and {@code secret} for {@code host}, "credentials not found" for any other.
     */
    private static void helper(Path bin, String name, String host, String user, String secret) throws IOException {
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(script, "#!/bin/sh\n"
                + "[ \"$1\" = get ] || { echo \"unknown action $1\"; exit 1; }\n"
                + "read -r server\n"
                + "echo \"$server\" >> \"$(dirname \"$0\")/asked\"\n"
                + "if [ \"$server\" = '" + host + "' ]; then\n"
                + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}\\n' \"$server\" '"
                + user + "' '" + secret + "'\n"
                + "else\n"
                + "  echo 'credentials not found in native keychain'; exit 1\n"
                + "fi\n");
        script.toFile().setExecutable(true);
    }

    /**
     * Docker's credential helpers: credHelpers names one for the registry, credsStore one for all; a helper that
     * has no credentials for the registry says so and the auths entries are read; a failing or missing helper is
     * one line naming the file.
     */
    @Test
    void credentialsFromDockerCredentialHelpers() throws IOException {
        try (LocalRegistry registry = LocalRegistry.secured(tmp.resolve("registry"))) {
            String pushed = registry.push("oci:" + DEBIAN + ":latest", "debian:latest");
            Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), ReadOptions.defaults(),
                    LayerSummarizer::new).image();
            List<Path> ca = List.of(registry.caCertificate());
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            Path docker = Files.createDirectories(tmp.resolve("docker"));
            Map<String, String> env = Map.of("DOCKER_CONFIG", docker.toString(), "PATH", bin + ":"
                    + System.getenv("PATH"));
            helper(bin, "right", registry.host(), LocalRegistry.USER, LocalRegistry.PASSWORD);
            helper(bin, "wrong", registry.host(), LocalRegistry.USER, "not-the-password");
            helper(bin, "elsewhere", "registry.invalid", LocalRegistry.USER, LocalRegistry.PASSWORD);

            Files.writeString(docker.resolve("config.json"), "{\"credHelpers\":{\"" + registry.host()
                    + "\":\"right\",\"other.invalid\":\"wrong\"},\"credsStore\":\"wrong\"}");
            Image image = ImageReader.read(ref(pushed), options(env, ca), LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), image.manifestDigest());
            assertEquals(List.of(registry.host()), Files.readAllLines(bin.resolve("asked")));

            Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"right\"}");
            assertEquals(local.manifestDigest(), ImageReader.read(ref(pushed), options(env, ca),
                    LayerSummarizer::new).image().manifestDigest());

            // The store has nothing for this registry: the auths entry is used.
            String auth = Base64.getEncoder().encodeToString((LocalRegistry.USER + ":" + LocalRegistry.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"elsewhere\",\"auths\":{\""
                    + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
            assertEquals(local.manifestDigest(), ImageReader.read(ref(pushed), options(env, ca),
                    LayerSummarizer::new).image().manifestDigest());

            Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"wrong\"}");
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(pushed), options(env, ca), LayerSummarizer::new));
            assertTrue(refused.getMessage().contains("authentication failed for " + registry.host()),
                    refused.getMessage());

            Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"absent\"}");
            InvalidInputException missing = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(pushed), options(env, ca), LayerSummarizer::new));
            assertEquals(docker.resolve("config.json") + ": names the credential helper docker-credential-absent, "
                    + "which is not on PATH", missing.getMessage());

            Files.writeString(bin.resolve("docker-credential-broken"), "#!/bin/sh\necho 'keyring locked' >&2\n"
                    + "exit 2\n");
            bin.resolve("docker-credential-broken").toFile().setExecutable(true);
            Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"broken\"}");
            InvalidInputException broken = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(pushed), options(env, ca), LayerSummarizer::new));
            assertEquals(docker.resolve("config.json") + ": docker-credential-broken: failed for "
                    + registry.host() + " (exit 2): keyring locked", broken.getMessage());
        }
    }

    /**
     * Registries backed by object storage redirect blob reads to another host: followed, without the registry's
     * credentials; a redirect loop ends in one line.
     */
    @Test
    void blobRedirectsAreFollowedWithoutCredentials() throws IOException {
        Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), ReadOptions.defaults(),
                LayerSummarizer::new).image();
        java.util.List<String> storageAuth = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer storage = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        storage.createContext("/bucket/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            storageAuth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = Files.readAllBytes(DEBIAN.resolve("blobs/sha256/" + path.substring(path.lastIndexOf(':')
                    + 1)));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        boolean[] loop = {false};
        HttpServer registry = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
                0);
        String basic = "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
        registry.createContext("/v2/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            String digest = path.substring(path.lastIndexOf('/') + 1);
            byte[] body = path.contains("/manifests/")
                    ? Files.readAllBytes(DEBIAN.resolve("blobs/sha256/" + local.manifestDigest().hex()))
                    : Files.readAllBytes(DEBIAN.resolve("blobs/sha256/" + digest.substring(7)));
            if (path.contains("/blobs/") && exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Location", loop[0] ? path
                        : "http://127.0.0.1:" + storage.getAddress().getPort() + "/bucket/" + digest);
                exchange.sendResponseHeaders(307, -1);
                exchange.close();
                return;
            }
            answer(exchange, path.contains("/manifests/") ? "application/vnd.oci.image.manifest.v1+json"
                    : "application/octet-stream", body);
        });
        storage.start();
        registry.start();
        try {
            String host = "127.0.0.1:" + registry.getAddress().getPort();
            Path auth = tmp.resolve("auth.json");
            Files.writeString(auth, "{\"auths\":{\"" + host + "\":{\"auth\":\""
                    + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
            ReadOptions opts = options(Map.of("REGISTRY_AUTH_FILE", auth.toString()), List.of());
            Image image = ImageReader.read(ref(host + "/debian:latest"), opts, LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), image.manifestDigest());
            assertTrue(storageAuth.size() >= local.layers().size() + 1, storageAuth.toString()); // config, layers
            assertEquals(java.util.Set.of("null"), java.util.Set.copyOf(storageAuth));

            loop[0] = true;
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.read(
                    ref(host + "/debian:latest"), opts, LayerSummarizer::new));
            assertTrue(e.getMessage().contains("more than 5 redirects"), e.getMessage());
        } finally {
            registry.stop(0);
            storage.stop(0);
        }
    }

    /**
     * A connection dropped in the middle of a blob (by a proxy in front of the real registry) is resumed with a
     * Range request from where it stopped, and the blob is still verified whole; dropped again and again, it ends
     * in one line after the retries.
     */
    @Test
    void aDroppedBlobReadIsResumedWhereItStopped() throws IOException {
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"));
                dev.ocisc.testing.TcpProxy proxy = new dev.ocisc.testing.TcpProxy(registry.port())) {
            registry.push("oci:" + DEBIAN + ":latest", "debian:latest");
            ReadOptions opts = options(Map.of(), List.of());
            Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), opts, LayerSummarizer::new).image();
            String pushed = proxy.host() + "/debian:latest";
            proxy.cut(2, 1000); // the one layer larger than that, cut twice: at 1000 bytes, at 2000
            Image image = ImageReader.read(ref(pushed), opts, LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), image.manifestDigest());
            List<String> ranges = proxy.requests().stream().filter(r -> r.startsWith("Range:")).toList();
            assertEquals(2, ranges.size(), proxy.requests().toString());
            assertEquals(List.of("Range: bytes=1000-", "Range: bytes=2000-"), ranges);

            proxy.cut(100, 200);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReader.read(ref(pushed),
                    opts, LayerSummarizer::new));
            assertTrue(e.getMessage().startsWith(pushed + ": blob sha256:"), e.getMessage());
            assertTrue(e.getMessage().contains("connection dropped 4 times"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    /** A connection closed before the answer (a reset) is asked again, after a pause. */
    @Test
    void aConnectionClosedBeforeTheAnswerIsAskedAgain() throws IOException {
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry"));
                dev.ocisc.testing.TcpProxy proxy = new dev.ocisc.testing.TcpProxy(registry.port())) {
            registry.push("oci:" + DEBIAN + ":latest", "debian:latest");
            ReadOptions opts = options(Map.of(), List.of());
            Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), opts, LayerSummarizer::new).image();
            proxy.cut(2, -1);
            Image image = ImageReader.read(ref(proxy.host() + "/debian:latest"), opts, LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), image.manifestDigest());
            // Three layer and config blobs, two answers cut: at least five GETs.
            assertTrue(proxy.blobGets() >= 5, proxy.requests().toString());
        }
    }

    /**
     * A registry that does not honour Range (the server made here answers 200 with the whole blob): the read after
     * the drop starts over, passes over what was read, and the blob is verified whole.
     */
    @Test
    void aDroppedBlobReadRestartsWhereRangeIsNotHonoured() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = fake(0, null, requests);
        try (dev.ocisc.testing.TcpProxy proxy = new dev.ocisc.testing.TcpProxy(server.getAddress().getPort())) {
            ReadOptions opts = options(Map.of(), List.of());
            Image local = ImageReader.read(new ImageLocation.Local(DEBIAN), opts, LayerSummarizer::new).image();
            proxy.cut(1, 1000);
            Image image = ImageReader.read(ref(proxy.host() + "/debian:latest"), opts, LayerSummarizer::new).image();
            assertEquals(local.manifestDigest(), image.manifestDigest());
            assertEquals(List.of("Range: bytes=1000-"), proxy.requests().stream().filter(r -> r.startsWith("Range:"))
                    .toList());
        } finally {
            server.stop(0);
        }
    }

    /**
     * A multi-platform index in a registry: its manifests are fetched by digest from the manifests endpoint, and
     * --platform picks one. The index is made here from the multiarch fixture's two platform manifests (a layout
     * whose index.json names one image index blob), and pushed with skopeo copy --all.
     */
    @Test
    void platformsOfAnIndex() throws IOException {
        Path multi = Path.of("..", "testdata", "oci", "multiarch").toAbsolutePath().normalize();
        Path layout = tmp.resolve("multi-index");
        Files.createDirectories(layout.resolve("blobs/sha256"));
        try (var blobs = Files.list(multi.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                Files.copy(b, layout.resolve("blobs/sha256").resolve(b.getFileName()));
            }
        }
        Files.copy(multi.resolve("oci-layout"), layout.resolve("oci-layout"));
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType",
                "application/vnd.oci.image.index.v1+json");
        ArrayNode entries = index.putArray("manifests");
        java.util.Map<String, String> byArch = new java.util.TreeMap<>();
        for (var e : JSON.readTree(multi.resolve("index.json").toFile()).path("manifests")) {
            ObjectNode copy = e.deepCopy();
            copy.remove("annotations");
            entries.add(copy);
            byArch.put(e.path("platform").path("architecture").asText(), e.path("digest").asText());
        }
        byte[] indexBytes = JSON.writeValueAsBytes(index);
        dev.ocisc.oci.Digest indexDigest = dev.ocisc.oci.Digest.sha256Of(indexBytes);
        Files.write(layout.resolve("blobs/sha256").resolve(indexDigest.hex()), indexBytes);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + indexDigest + "\",\"size\":"
                + indexBytes.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
        try (LocalRegistry registry = LocalRegistry.plain(tmp.resolve("registry-dir"))) {
            String pushed = registry.push("--all", "oci:" + layout + ":latest", "multi:latest");
            for (String arch : byArch.keySet()) {
                Image image = ImageReader.read(ref(pushed), ReadOptions.defaults().withPlatform(
                        dev.ocisc.oci.Platform.parse("linux/" + arch)), LayerSummarizer::new).image();
                assertEquals(byArch.get(arch), image.manifestDigest().toString());
                assertEquals(byArch.keySet().stream().map(a -> "linux/" + a).toList(),
                        image.platforms().stream().map(Object::toString).sorted().toList());
            }
            InvalidInputException none = assertThrows(InvalidInputException.class, () -> ImageReader.read(ref(pushed),
                    ReadOptions.defaults().withPlatform(dev.ocisc.oci.Platform.parse("linux/s390x")),
                    LayerSummarizer::new));
            assertTrue(none.getMessage().contains("no image for platform linux/s390x"), none.getMessage());
        }
    }
}
