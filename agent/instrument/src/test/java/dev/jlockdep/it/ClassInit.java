package dev.jlockdep.it;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Class initialization as a lock: each variant runs on one thread and completes (but the last), and the
 * agent finds from it what would hang a JVM where two threads began at the two ends. Argument:
 * <ul>
 * <li>mutual: two classes whose static initializers use each other, one through a method it calls;</li>
 * <li>subclass: a superclass whose initializer makes its subclass, which other code makes too (square);</li>
 * <li>lockHeld: a lock held while a class is first used, whose initializer takes that lock;</li>
 * <li>underLock / initLocks: the two halves of lockHeld, one per JVM, for a merged check;</li>
 * <li>task: an initializer waits for a task that uses its class: hangs for real, every time; with
 *     {@code -Dloader=ownTask}, a lambda of its own, with {@code -Dloader=thread}, a thread;</li>
 * <li>fails: an initializer that throws; the class used again; then a lock taken;</li>
 * <li>correct: initializers that use other classes one way only, a lazy holder, enums (one with constant
 *     bodies, one switched on), a record, an interface's constants, an initializer that takes and
 *     releases a lock nothing else orders the other way, superclasses that make subclasses nothing else
 *     makes ({@link ClassInitChain}, {@link ClassInitUnit}).</li>
 * </ul>
 */
public class ClassInit {
    static final Object LOCK = new Object();

    // --- mutual: A's initializer calls B.f(); B's reads A.X through a method of its own ---
    static class A {
        static final int X;

        static {
            int b = B.f();
            X = b + 1;
        }
    }

    static class B {
        static final int Y = readA();

        static int readA() {
            return A.X;
        }

        static int f() {
            return Y;
        }
    }

    // --- subclass: Shape's initializer makes a Square ---
    abstract static class Shape {
        static final Shape UNIT = new Square();

        abstract int area();
    }

    static final class Square extends Shape {
        @Override
        int area() {
            return 1;
        }
    }

    // --- lockHeld: LOCK held while Registry is first used; Registry's initializer takes LOCK ---
    static class Registry {
        static final int SIZE;

        static {
            synchronized (LOCK) {
                SIZE = 3;
            }
        }
    }

    // --- underLock / initLocks: Catalog's initializer takes LOCK only where the property says so ---
    static class Catalog {
        static final int SIZE;

        static {
            if (Boolean.getBoolean("catalog.locks")) {
                synchronized (LOCK) {
                    SIZE = 4;
                }
            } else {
                SIZE = 5;
            }
        }
    }

    // --- task / ownTask / thread: Loader's initializer waits for a task, a lambda of its own, or a
    // thread, each of which uses Loader ---
    static class Loader {
        static final int VALUE;

        static {
            String mode = System.getProperty("loader", "task");
            int v;
            if (mode.equals("thread")) {
                Thread worker = new Worker();
                worker.start();
                stoppedIn(worker, "twice");
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                v = Worker.result;
            } else {
                Thread[] worker = new Thread[1];
                ExecutorService pool = Executors.newSingleThreadExecutor(r -> worker[0] = new Thread(r, "worker"));
                Future<Integer> f;
                if (mode.equals("task")) {
                    f = pool.submit(Helper::compute);
                    stoppedIn(worker[0], "compute");
                } else {
                    f = pool.submit(() -> scale() * 21);
                    waitsForThisClass(worker[0]);
                }
                try {
                    v = f.get();
                } catch (InterruptedException | ExecutionException e) {
                    v = -1;
                }
            }
            VALUE = v;
        }

        static int scale() {
            return 2;
        }

        /** Until the thread stands in {@code method}, waiting for this class, so that its stall shows it. */
        private static void stoppedIn(Thread t, String method) {
            while (t.getState() != Thread.State.RUNNABLE
                    || Arrays.stream(t.getStackTrace()).noneMatch(f -> f.getMethodName().equals(method))) {
                Thread.onSpinWait();
            }
        }

        /** Until the JVM's thread dump shows the thread waiting for this class's initialization. */
        private static void waitsForThisClass(Thread t) {
            String waiting = "- waiting on the Class initialization monitor for " + Loader.class.getName();
            while (true) {
                try {
                    String dump = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
                            new Object[] {new String[0]}, new String[] {String[].class.getName()});
                    int at = dump.indexOf("\"" + t.getName() + "\"");
                    int end = dump.indexOf("\n\n", at);
                    if (at >= 0 && dump.substring(at, end < 0 ? dump.length() : end).contains(waiting)) {
                        return;
                    }
                } catch (JMException e) {
                    throw new IllegalStateException(e);
                }
                Thread.onSpinWait();
            }
        }
    }

    static class Helper {
        static int twice(int x) {
            return Loader.scale() * x;
        }

        static int compute() {
            return Loader.scale() * 21;
        }
    }

    static class Worker extends Thread {
        static volatile int result;

        Worker() {
            super("worker");
        }

        @Override
        public void run() {
            result = Helper.twice(21);
        }
    }

    // --- fails: an initializer that throws ---
    static class Broken {
        static final int X = fail();

        static int fail() {
            throw new IllegalStateException("no configuration");
        }
    }

    // --- correct variants ---
    static class Config {
        static final String NAME = "config-" + Defaults.name();
    }

    static class Defaults {
        static final String DEFAULT = String.valueOf(System.nanoTime() > 0);

        static String name() {
            return DEFAULT;
        }
    }

    static class Holder {
        static final Config INSTANCE = new Config();
    }

    enum Op {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        },
        TIMES {
            @Override
            int apply(int a, int b) {
                return a * b;
            }
        };

        abstract int apply(int a, int b);
    }

    enum Color { RED, GREEN }

    record Point(int x, int y) {
        static final Point ORIGIN = new Point(0, 0);
    }

    interface Limits {
        int MAX = Integer.parseInt("7");
    }

    static class Counter {
        static int count;

        static {
            synchronized (LOCK) {
                count = Limits.MAX;
            }
        }
    }

    static int colorCode(Color c) {
        switch (c) {
            case RED:
                return 1;
            default:
                return 2;
        }
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "mutual" -> System.out.println("A.X=" + A.X);
            case "subclass" -> System.out.println("area=" + Shape.UNIT.area());
            case "lockHeld" -> {
                synchronized (LOCK) {
                    System.out.println("size=" + Registry.SIZE);
                }
            }
            case "underLock" -> {
                synchronized (LOCK) {
                    System.out.println("size=" + Catalog.SIZE);
                }
            }
            case "initLocks" -> System.out.println("size=" + Catalog.SIZE);
            case "task" -> System.out.println("value=" + Loader.VALUE);
            case "fails" -> {
                try {
                    System.out.println(Broken.X);
                } catch (ExceptionInInitializerError e) {
                    System.out.println("first use: " + e.getCause().getMessage());
                }
                try {
                    System.out.println(Broken.X);
                } catch (NoClassDefFoundError e) {
                    System.out.println("second use: NoClassDefFoundError");
                }
                synchronized (LOCK) {
                    System.out.println("after");
                }
            }
            case "correct" -> {
                System.out.println(Holder.INSTANCE.hashCode() != 0);
                System.out.println(Op.TIMES.apply(Op.PLUS.apply(1, 2), 3) + colorCode(Color.GREEN));
                System.out.println(Point.ORIGIN.x() + Limits.MAX + Counter.count + ClassInitChain.ACTIVE.value()
                        + ClassInitUnit.ONE.value());
                synchronized (LOCK) {
                    System.out.println(Config.NAME);
                }
            }
            case "square" -> System.out.println("area=" + new Square().area());
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("finished");
    }
}
