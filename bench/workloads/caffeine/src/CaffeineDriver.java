import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Four threads on one bounded loading cache for N seconds: reads over a key range larger than the
 * cache (loads and evictions), computes and invalidations. Prints ops/s=N last.
 */
public class CaffeineDriver {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        LoadingCache<Integer, String> cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .recordStats()
                .build(key -> "value-" + key);
        LongAdder ops = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    for (int n = 0; n < 1000; n++) {
                        int key = random.nextInt(50_000);
                        int op = random.nextInt(100);
                        if (op < 90) {
                            cache.get(key);
                        } else if (op < 98) {
                            cache.asMap().compute(key, (k, v) -> v == null ? "new-" + k : v + "!");
                        } else {
                            cache.invalidate(key);
                        }
                    }
                    ops.add(1000);
                }
            }, "client-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("hit rate " + cache.stats().hitRate());
        System.out.println("ops/s=" + ops.sum() / seconds);
    }
}
