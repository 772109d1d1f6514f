package dev.ocisc.cli;

import dev.ocisc.diff.ReportFormat;
import dev.ocisc.dsse.KeyAlgorithm;
import dev.ocisc.rebuild.Variation;
import dev.ocisc.sbom.Format;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one parser of every enum-typed value (each {@code -f FORMAT}, and the format of syft's {@code -o FORMAT=FILE}):
 * a value names a constant as users see it (its {@code toString()}, e.g. {@code spdx-json}) or one of the aliases
 * below, in any case. A format added to an enum is known here at once; an alias users type is one line below.
 * An enum whose module parses the names users type itself is parsed by it, and refused with its message.
 */
final class EnumValues<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    /** Other names users type for a constant, as syft, trivy and cosign spell them. */
    private static final Map<Class<?>, Map<String, String>> ALIASES = Map.of(
            Format.class, Map.of("cyclonedx", "cyclonedx-json", "cdx", "cyclonedx-json", "cdx-json", "cyclonedx-json",
                    "cdx-xml", "cyclonedx-xml", "spdx", "spdx-json", "spdx-tag-value", "spdx-tv"),
            ReportFormat.class, Map.of("md", "markdown"));
    /** Enums their own module parses; each throws a {@link dev.ocisc.failure.UsageException} for a bad name. */
    private static final Map<Class<?>, Function<String, ?>> OWN_PARSERS = Map.of(
            KeyAlgorithm.class, KeyAlgorithm::byName,
            Variation.class, Variation::byId);

    private final Class<E> type;
    /** What a value is called in errors: the option's label in lower case ("format"). */
    private final String noun;

    private EnumValues(Class<E> type, String noun) {
        this.type = type;
        this.noun = noun;
    }

    @Override
    public E convert(String value) {
        Function<String, ?> own = OWN_PARSERS.get(type);
        if (own != null) {
            return type.cast(own.apply(value));
        }
        return parse(type, value).orElseThrow(() -> new CommandLine.TypeConversionException(unknown(type, noun,
                value)));
    }

    /** The constant {@code value} names (its shown name or an alias, any case), or empty. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        String named = ALIASES.getOrDefault(type, Map.of()).getOrDefault(v, v);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.toString().equalsIgnoreCase(named)).findFirst();
    }

    /** The one-line refusal of {@code value}, listing what is taken. */
    static String unknown(Class<?> type, String noun, String value) {
        return "unknown " + noun + " '" + value + "' (expected one of " + names(type) + ")";
    }

    static String names(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    /** Registers a converter for the enum type of each option and parameter of {@code cl}'s commands. */
    static void registerAll(CommandLine cl) {
        Map<Class<?>, String> enums = new HashMap<>();
        collect(cl.getCommandSpec(), enums);
        enums.forEach((type, noun) -> register(cl, type, noun));
    }

    private static void collect(CommandSpec spec, Map<Class<?>, String> enums) {
        for (ArgSpec arg : spec.args()) {
            for (Class<?> t : arg.auxiliaryTypes()) {
                if (t.isEnum()) {
                    enums.putIfAbsent(t, arg.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT));
                }
            }
        }
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), enums));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(CommandLine cl, Class<?> type, String noun) {
        cl.registerConverter((Class) type, new EnumValues(type, noun));
    }
}
