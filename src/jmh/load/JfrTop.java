import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a loaded server spends its CPU and its allocations, from a JFR recording (settings=profile):
 * the methods on top of the sampled stacks (self time), the library's methods anywhere on them
 * (inclusive), and the allocation sites by bytes. Given the requests served during the recording,
 * the figures are per request: an execution sample stands for one sampling period of one running
 * thread (10 ms under settings=profile), an allocation sample for the bytes it weighs. Given a
 * second recording, the baseline, it also lists what grew most from the baseline to the first.
 *
 * <pre>
 * java src/jmh/load/JfrTop.java target/load/jersey-with.jfr 1234567 target/load/jersey-without.jfr 1300000
 * </pre>
 */
public final class JfrTop {

    private static final String LIBRARY = "io.github.jaxrscors.";
    private static final double SAMPLE_PERIOD_US = 10_000;
    private static final int TOP = 15;

    /** Counts per key: execution samples, or allocated bytes. */
    private static final class Tally {
        final Map<String, Long> counts = new HashMap<>();
        long total;

        void add(String key, long amount) {
            counts.merge(key, amount, Long::sum);
        }

    }

    private record Profile(String name, long requests, Tally self, Tally libraryInclusive, Tally selfUnderLibrary,
            Tally allocationSites, Tally allocationUnderLibrary, Map<Long, long[]> allocatedByThread) {

        /** Bytes allocated during the recording, exactly: each thread's counter at its end less at its start. */
        long allocated() {
            return allocatedByThread.values().stream().mapToLong(range -> range[1] - range[0]).sum();
        }

        /**
         * Execution samples in µs of CPU per request, or sampled bytes in bytes per request: the samples'
         * weights are scaled to the bytes the threads allocated in all.
         */
        double perRequest(long count, boolean samples) {
            double scale = samples ? SAMPLE_PERIOD_US : (double) allocated() / Math.max(1, allocationSites.total);
            return count * scale / requests;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: JfrTop RECORDING REQUESTS [BASELINE-RECORDING BASELINE-REQUESTS]");
            System.exit(2);
        }
        Profile profile = read(Path.of(args[0]), Long.parseLong(args[1]));
        if (args.length == 2) {
            print(profile);
            return;
        }
        Profile baseline = read(Path.of(args[2]), Long.parseLong(args[3]));
        summary(profile);
        summary(baseline);
        grown("self time, µs per request", profile, baseline, Profile::self, true);
        grown("allocation sites, B per request", profile, baseline, Profile::allocationSites, false);
    }

    private static Profile read(Path file, long requests) throws IOException {
        Profile p = new Profile(file.getFileName().toString(), requests, new Tally(), new Tally(), new Tally(),
                new Tally(), new Tally(), new HashMap<>());
        // The first allocation sample of a thread weighs all it allocated since it started, warm-up included.
        Set<Long> allocatingThreads = new HashSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.ThreadAllocationStatistics")) {
                long allocated = event.getLong("allocated");
                p.allocatedByThread().merge(event.getThread("thread").getJavaThreadId(), new long[] {allocated, allocated},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                continue;
            }
            if (event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            String top = method(frames.get(0).getMethod());
            Set<String> library = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = method(frame.getMethod());
                if (name.startsWith(LIBRARY)) {
                    library.add(name);
                }
            }
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    p.self().add(top, 1);
                    p.self().total++;
                    library.forEach(name -> p.libraryInclusive().add(name, 1));
                    if (!library.isEmpty()) {
                        p.selfUnderLibrary().add(top, 1);
                        p.selfUnderLibrary().total++;
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    if (allocatingThreads.add(event.getThread("eventThread").getJavaThreadId())) {
                        continue;
                    }
                    long weight = event.getLong("weight");
                    String site = event.getClass("objectClass").getName() + " in " + top;
                    p.allocationSites().add(site, weight);
                    p.allocationSites().total += weight;
                    if (!library.isEmpty()) {
                        p.allocationUnderLibrary().add(site, weight);
                        p.allocationUnderLibrary().total += weight;
                    }
                }
                default -> { }
            }
        }
        return p;
    }

    private static String method(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static void summary(Profile p) {
        System.out.printf(Locale.ROOT, "%s: %d requests, %d execution samples (%.1f µs of sampled CPU per request), "
                + "%.0f B allocated per request; the library's methods on the stack of %.1f%% of the samples "
                + "(%.2f µs per request) and of %.1f%% of the sampled bytes%n", p.name(), p.requests(),
                p.self().total, p.perRequest(p.self().total, true), (double) p.allocated() / p.requests(),
                percent(p.selfUnderLibrary().total, p.self().total), p.perRequest(p.selfUnderLibrary().total, true),
                percent(p.allocationUnderLibrary().total, p.allocationSites().total));
    }

    private static double percent(long part, long whole) {
        return 100.0 * part / Math.max(1, whole);
    }

    private static void print(Profile p) {
        summary(p);
        table("Self time: the method on top of the sampled stack", p, p.self(), p.self().total, true);
        table("The library's methods, inclusive", p, p.libraryInclusive(), p.self().total, true);
        table("Self time under the library's methods", p, p.selfUnderLibrary(), p.self().total, true);
        table("Allocation sites: class in allocating method", p, p.allocationSites(), p.allocationSites().total, false);
        table("Allocation sites under the library's methods", p, p.allocationUnderLibrary(), p.allocationSites().total,
                false);
    }

    private static void table(String title, Profile p, Tally tally, long of, boolean samples) {
        System.out.printf("%n%s%n%n| %s | share | per request |%n|---|---:|---:|%n", title, samples ? "method" : "site");
        tally.counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %.1f%% | %s |%n", e.getKey(),
                        percent(e.getValue(), of), amount(p.perRequest(e.getValue(), samples), samples)));
    }

    private static void grown(String title, Profile p, Profile baseline, Function<Profile, Tally> part, boolean samples) {
        System.out.printf("%nGrown most from %s to %s: %s%n%n| %s | %s | %s | difference |%n|---|---:|---:|---:|%n",
                baseline.name(), p.name(), title, samples ? "method" : "site", p.name(), baseline.name());
        Tally now = part.apply(p);
        Tally before = part.apply(baseline);
        Stream.concat(now.counts.keySet().stream(), before.counts.keySet().stream())
                .distinct()
                .map(key -> Map.entry(key, new double[] {
                        p.perRequest(now.counts.getOrDefault(key, 0L), samples),
                        baseline.perRequest(before.counts.getOrDefault(key, 0L), samples)}))
                .sorted(Comparator.comparingDouble(e -> -(e.getValue()[0] - e.getValue()[1])))
                .limit(TOP)
                .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", e.getKey(),
                        amount(e.getValue()[0], samples), amount(e.getValue()[1], samples),
                        amount(e.getValue()[0] - e.getValue()[1], samples)));
    }

    private static String amount(double value, boolean samples) {
        return samples ? String.format(Locale.ROOT, "%.2f µs", value) : String.format(Locale.ROOT, "%.0f B", value);
    }
}
