package dev.autocall.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded generated inputs for the {@code *FuzzTest} classes, and the loop that runs a property over them. Each try
 * has its own seed, printed when the try fails, so {@code ./autocall check fuzz --seed S --tries 1} replays exactly
 * that input: try 0 of a run uses the base seed itself. Deliberately small: no shrinking, no framework.
 */
public final class Fuzz {
    /** Tries per property when {@code fuzz.tries} is not set; sized so the fuzz tests take about a minute. */
    public static final int DEFAULT_TRIES = 1000;
    /** Base seed when {@code fuzz.seed} is not set: fixed, so a plain build is repeatable. */
    public static final long DEFAULT_SEED = 20261127L;

    public static final String DIGITS = "0123456789";
    public static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + DIGITS;
    /** Characters parsers trip on: C0 and C1 controls, line and paragraph separators, BOM, noncharacters. */
    public static final String ODD_CHARS = "\u0000\u0001\t\n\r\u001B\u007F\u0080\u0085\u009F\u00A0\u2028\u2029"
            + "\u200B\uFEFF\uFFFD\uFFFE\uFFFF";
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private final SplittableRandom random;

    public Fuzz(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A property of one generated input; anything it throws fails the try. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    /** Runs the property over {@link #tries()} generated inputs. */
    public static <T> void forAll(Function<Fuzz, T> generator, Property<T> property) {
        run(tries(), generator, property);
    }

    /**
     * For a costly property: {@code tries} inputs, or fewer when {@code fuzz.tries} asks for fewer (so one try
     * still reproduces a failure); never more.
     */
    public static <T> void forAll(int tries, Function<Fuzz, T> generator, Property<T> property) {
        run(Math.min(tries, tries()), generator, property);
    }

    /** Runs the property over every case, for inputs few enough to try them all; the failing case is named. */
    public static <T> void forEach(List<T> cases, Property<T> property) {
        for (T input : cases) {
            try {
                property.check(input);
            } catch (Throwable e) {
                throw new AssertionError(caller() + " failed for input " + show(input) + ": " + e, e);
            }
        }
    }

    public static int tries() {
        return Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
    }

    public static long baseSeed() {
        return Long.getLong("fuzz.seed", DEFAULT_SEED);
    }

    /** The seed of try {@code i} of a run from {@code base}; try 0 uses the base itself. */
    public static long seedOf(long base, int i) {
        return base + i * GAMMA;
    }

    private static <T> void run(int tries, Function<Fuzz, T> generator, Property<T> property) {
        long base = baseSeed();
        String where = caller();
        for (int i = 0; i < tries; i++) {
            long seed = seedOf(base, i);
            T input = generator.apply(new Fuzz(seed));
            try {
                property.check(input);
            } catch (Throwable e) {
                throw new AssertionError(where + " failed at try " + (i + 1) + " of " + tries + " (seed " + seed
                        + "): " + e + "\n  input: " + show(input)
                        + "\n  reproduce: ./autocall check fuzz --seed " + seed + " --tries 1 --test '" + where + "'", e);
            }
        }
    }

    /** Class#method of the test that called this class. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Fuzz.class.getName()))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
                .orElse("?"));
    }

    /** The input as printable ASCII: anything else escaped as \\uXXXX, long inputs cut in the middle. */
    static String show(Object input) {
        String text = input instanceof CharSequence s ? "\"" + s + "\"" : String.valueOf(input);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c <= '~') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.length() <= 4000 ? out.toString()
                : out.substring(0, 2000) + " ...(" + (out.length() - 4000) + " more)... " + out.substring(out.length() - 2000);
    }

    // ---- numbers and choices ----

    /** Between min and max, both included. */
    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /** Between min and max, both included; now and then one of the two bounds exactly. */
    public long longBetween(long min, long max) {
        int edge = random.nextInt(10);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        if (min == max) {
            return min;
        }
        return max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
    }

    /** Any int, edges (0, ±1, MIN, MAX) more often than their share. */
    public int anyInt() {
        return random.nextInt(5) == 0 ? pick(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
                Integer.MAX_VALUE - 1) : random.nextInt();
    }

    /** Any long, edges more often than their share. */
    public long anyLong() {
        return random.nextInt(5) == 0 ? pick(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1,
                (long) Integer.MIN_VALUE - 1) : random.nextLong();
    }

    /** Any double, NaN, infinities, -0.0 and the extremes included. */
    public double anyDouble() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                    Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, 0.5);
            case 1 -> random.nextInt(-1000, 1000);
            default -> Double.longBitsToDouble(random.nextLong());
        };
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** True with probability p. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One of the generators, chosen evenly, and what it gives. */
    @SafeVarargs
    public final <T> T oneOf(Supplier<? extends T>... generators) {
        return generators[random.nextInt(generators.length)].get();
    }

    /** The generated value half the time, empty otherwise. */
    public <T> Optional<T> maybe(Supplier<T> generator) {
        return bool() ? Optional.of(generator.get()) : Optional.empty();
    }

    /** The value, or null with probability p. */
    public <T> T orNull(double p, Supplier<T> generator) {
        return chance(p) ? null : generator.get();
    }

    public <T> List<T> listOf(int min, int max, Supplier<T> generator) {
        int size = intBetween(min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(generator.get());
        }
        return list;
    }

    /** Some of the choices, at least min of them, in their order. */
    public <T> List<T> subset(List<T> choices, int min) {
        List<T> chosen;
        do {
            chosen = choices.stream().filter(c -> bool()).toList();
        } while (chosen.size() < min);
        return chosen;
    }

    // ---- text ----

    /**
     * Any text up to max chars: printable ASCII, controls, accents, any BMP character, half surrogate pairs,
     * noncharacters and whole supplementary characters (emoji).
     */
    public String string(int max) {
        int length = intBetween(0, max);
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> s.append((char) random.nextInt(' ', '~' + 1));
                case 4 -> s.append(ODD_CHARS.charAt(random.nextInt(ODD_CHARS.length())));
                case 5 -> s.append((char) random.nextInt(0, 0x20));
                case 6 -> s.append((char) random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1));
                case 7 -> s.appendCodePoint(length - s.length() < 2 ? 'x'
                        : random.nextInt(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT + 1));
                case 8 -> s.append((char) random.nextInt(0x80, 0x800));
                default -> s.append((char) random.nextInt(0, 0x10000));
            }
        }
        return s.toString();
    }

    /** Text of min to max code points drawn from the alphabet (a string of code points; emoji stay whole). */
    public String string(String alphabet, int min, int max) {
        int[] points = alphabet.codePoints().toArray();
        int length = intBetween(min, max);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return s.toString();
    }

    /** Pieces joined: between min and max of them, each from the generator. */
    public String joined(int min, int max, Supplier<String> piece) {
        return String.join("", listOf(min, max, piece));
    }

    /**
     * The text with one edit at a random place: a character or a token (a run of letters and digits, or one other
     * character) deleted, duplicated or replaced by one of the inserts, or an insert put in.
     */
    public String mutate(String text, List<String> inserts) {
        if (text.isEmpty()) {
            return pick(inserts);
        }
        int at = random.nextInt(text.length());
        int end = bool() ? at + 1 : tokenEnd(text, at);
        String part = text.substring(at, end);
        String replacement = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> part + part;
            case 2 -> pick(inserts);
            default -> pick(inserts) + part;
        };
        return text.substring(0, at) + replacement + text.substring(end);
    }

    /** The text with between min and max edits, each as {@link #mutate}. */
    public String mutate(String text, List<String> inserts, int min, int max) {
        int edits = intBetween(min, max);
        for (int i = 0; i < edits; i++) {
            text = mutate(text, inserts);
        }
        return text;
    }

    private static int tokenEnd(String text, int at) {
        int end = at + 1;
        if (Character.isLetterOrDigit(text.charAt(at))) {
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
        }
        return end;
    }
}
