package dev.ocisc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real registry for tests: Debian's {@code docker-registry} (the CNCF distribution registry) on a free loopback
 * port, its storage in a temporary directory, optionally behind {@code htpasswd} basic auth and TLS from a CA made
 * here with openssl. Images are pushed into it with {@code skopeo copy}.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final String USER = "ocisc";
    public static final String PASSWORD = "s3cret-pass";

    private final Path dir;
    private final Process process;
    private final int port;
    private final boolean tls;
    private final boolean auth;

    private LocalRegistry(Path dir, Process process, int port, boolean tls, boolean auth) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.tls = tls;
        this.auth = auth;
    }

    /** A plain HTTP registry without authentication. */
    public static LocalRegistry plain(Path dir) {
        return start(dir, false, false, null);
    }

    /** A registry with TLS (certificate for localhost from {@link #caCertificate}) and basic auth. */
    public static LocalRegistry secured(Path dir) {
        return start(dir, true, true, null);
    }

    /**
     * A plain HTTP registry that takes bearer tokens, as the distribution spec describes them: from the token
     * service at {@code realm}, JWTs signed by the key of the certificate {@code signer} (which the test holds).
     */
    public static LocalRegistry withTokens(Path dir, String realm, Path signer) {
        return start(dir, false, false, "auth:\n  token:\n    realm: " + realm + "\n    service: " + TOKEN_SERVICE
                + "\n    issuer: " + TOKEN_ISSUER + "\n    rootcertbundle: " + signer + "\n");
    }

    public static final String TOKEN_SERVICE = "ocisc-test-registry";
    public static final String TOKEN_ISSUER = "ocisc-test-issuer";

    private static LocalRegistry start(Path dir, boolean tls, boolean auth, String authConfig) {
        Tools.require("docker-registry");
        Tools.require("skopeo");
        StringBuilder config = new StringBuilder();
        int port = freePort();
        config.append("version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n"
                + "  filesystem:\n    rootdirectory: ").append(dir.resolve("storage")).append("\nhttp:\n  addr: 127.0.0.1:")
                .append(port).append('\n');
        try {
            Files.createDirectories(dir);
            if (tls) {
                Tools.require("openssl");
                makeCertificates(dir);
                config.append("  tls:\n    certificate: ").append(dir.resolve("server.pem")).append("\n    key: ")
                        .append(dir.resolve("server.key")).append('\n');
            }
            if (auth) {
                Tools.require("htpasswd");
                String line = Tools.check(dir, "htpasswd", "-Bbn", USER, PASSWORD).trim();
                Files.writeString(dir.resolve("htpasswd"), line + "\n");
                config.append("auth:\n  htpasswd:\n    realm: ocisc-test\n    path: ").append(dir.resolve("htpasswd"))
                        .append('\n');
            }
            if (authConfig != null) {
                config.append(authConfig);
            }
            Files.writeString(dir.resolve("config.yml"), config);
            Process p = new ProcessBuilder(Tools.which("docker-registry").toString(), "serve",
                    dir.resolve("config.yml").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile()).start();
            LocalRegistry r = new LocalRegistry(dir, p, port, tls, auth);
            r.awaitReady();
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void makeCertificates(Path dir) throws IOException {
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Tools.check(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
                "ca.pem", "-days", "2", "-subj", "/CN=ocisc test CA");
        Tools.check(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
                "server.csr", "-subj", "/CN=localhost");
        Tools.check(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
        Files.createDirectories(dir.resolve("certs.d"));
        Files.copy(dir.resolve("ca.pem"), dir.resolve("certs.d/ca.crt"));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("docker-registry exited " + process.exitValue() + ": " + log());
            }
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        fail("docker-registry did not listen on port " + port + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** {@code localhost:PORT}: the name its certificate is for. */
    public String host() {
        return "localhost:" + port;
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** The PEM file of the CA that signed the registry's certificate. */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** Pushes {@code source} (a skopeo source such as {@code oci:DIR:TAG}) as {@code REPO:TAG}; returns the reference. */
    public String push(String source, String repoTag) {
        return push(source, repoTag, auth);
    }

    /** Pushes with a skopeo option first ({@code --all}: an index and every image it names). */
    public String push(String option, String source, String repoTag) {
        return push(List.of(option), source, repoTag, auth);
    }

    /** {@link #push(String, String)}, sending {@link #USER}'s credentials when {@code credentials} says. */
    public String push(String source, String repoTag, boolean credentials) {
        return push(List.of(), source, repoTag, credentials);
    }

    private String push(List<String> options, String source, String repoTag, boolean credentials) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--preserve-digests"));
        cmd.addAll(options);
        if (tls) {
            cmd.add("--dest-cert-dir=" + dir.resolve("certs.d"));
        } else {
            cmd.add("--dest-tls-verify=false");
        }
        if (credentials) {
            cmd.add("--dest-creds=" + USER + ":" + PASSWORD);
        }
        cmd.add(source);
        cmd.add("docker://" + host() + "/" + repoTag);
        Tools.Result r = Tools.run(dir, cmd);
        if (r.exitCode() != 0) {
            fail(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return host() + "/" + repoTag;
    }

    /** Writes a containers auth file (REGISTRY_AUTH_FILE) with these credentials for this registry. */
    public Path authFile(String user, String password) throws IOException {
        Path f = Files.createTempFile(dir, "auth", ".json");
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(f, "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}");
        return f;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
