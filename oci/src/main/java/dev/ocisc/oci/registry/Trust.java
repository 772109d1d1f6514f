package dev.ocisc.oci.registry;

import dev.ocisc.failure.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust: the system's trust store, plus the certificates of {@code --cacert} files. Never "trust all". */
final class Trust {
    private Trust() {
    }

    static SSLContext context(List<Path> caFiles) {
        try {
            if (caFiles.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int n = 0;
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Path f : caFiles) {
                try (InputStream in = Files.newInputStream(f)) {
                    var certs = cf.generateCertificates(in);
                    if (certs.isEmpty()) {
                        throw new InvalidInputException(f.toString(), "no PEM certificate in the file");
                    }
                    for (Certificate c : certs) {
                        extra.setCertificateEntry("ca" + n++, c);
                    }
                } catch (IOException e) {
                    throw InvalidInputException.unreadable(f, e);
                } catch (CertificateException e) {
                    throw new InvalidInputException(f.toString(), "not a PEM certificate: " + e.getMessage());
                }
            }
            X509TrustManager system = manager(null);
            X509TrustManager added = manager(extra);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new Either(system, added)}, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager manager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** A chain is trusted when the system or the added certificates vouch for it. */
    private record Either(X509TrustManager system, X509TrustManager added) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("ocisc is a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                system.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                added.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
            all.addAll(List.of(added.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
