package dev.ocisc.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one converter of every enum-typed option (each {@code -f FORMAT}): a value names a constant as users see it
 * (its {@code toString()}, e.g. {@code spdx-json}) in any case. Picocli's own case-insensitive matching also takes
 * the Java names and lists both in its error; this keeps one spelling, the one help shows.
 */
final class EnumValues<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;
    /** What a value is called in errors: the option's label in lower case ("format"). */
    private final String noun;

    private EnumValues(Class<E> type, String noun) {
        this.type = type;
        this.noun = noun;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("unknown " + noun + " '" + value + "' (expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "))
                + ")");
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
