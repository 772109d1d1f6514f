package dev.ocisc.cli;

import dev.ocisc.dsse.KeyAlgorithm;
import dev.ocisc.dsse.KeyFiles;
import dev.ocisc.dsse.SigningKey;
import dev.ocisc.failure.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Make a signing key pair: PREFIX.key (PKCS#8 PEM, mode 0600) and PREFIX.pub (SPKI PEM).")
final class KeygenCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "PREFIX", defaultValue = "ocisc",
            description = "Write PREFIX.key and PREFIX.pub (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "ALG", defaultValue = "ecdsa-p256",
            description = "ecdsa-p256 (default) or ed25519. Sigstore tools verify ecdsa-p256 keys.")
    KeyAlgorithm algorithm;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SigningKey key = KeyFiles.generate(prefix, algorithm);
        Path priv = Path.of(prefix + ".key");
        Main.of(spec).console().info("wrote " + priv + " and " + KeyFiles.publicBeside(priv) + " ("
                + algorithm.cliName() + ", keyid " + key.keyid() + ")");
        return ExitCode.OK;
    }
}
