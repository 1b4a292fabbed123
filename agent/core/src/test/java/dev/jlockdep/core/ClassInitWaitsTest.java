package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlockdep.core.model.Frame;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM's thread dump read for waits on class initialization, in the layouts of JDK 17 and 25. */
class ClassInitWaitsTest {
    private static final String JDK17 = """
            "main" #1 prio=5 os_prio=0 cpu=120.51ms elapsed=1.31s tid=0x00007f9df0028c40 nid=0x3660 waiting on condition  [0x00007f9df6b5e000]
               java.lang.Thread.State: WAITING (parking)
            \tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)
            \tat com.acme.Loader.<clinit>(Loader.java:12)
            \tat com.acme.Main.main(Main.java:5)

            "worker" #12 prio=5 os_prio=0 cpu=0.34ms elapsed=0.60s tid=0x00007f9df01200e0 nid=0x3674 in Object.wait()  [0x00007f9dc87fc000]
               java.lang.Thread.State: RUNNABLE
            \tat com.acme.Loader$$Lambda$2/0x00007f9d74001800.call(Unknown Source)
            \t- waiting on the Class initialization monitor for com.acme.Loader
            \tat java.util.concurrent.FutureTask.run(java.base@17.0.15/FutureTask.java:264)
            \tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)

            "VM Thread" os_prio=0 cpu=0.37ms elapsed=0.62s tid=0x00007f9df00f4640 nid=0x3668 runnable
            """;

    private static final String JDK25 = """
            "worker" #21 [13884] prio=5 os_prio=0 cpu=0.31ms elapsed=0.66s tid=0x00007fb1580e2d20 nid=13884 in Object.wait()  [0x00007fb1386e4000]
               java.lang.Thread.State: RUNNABLE
            \tat com.acme.Helper.compute(Helper.java:9)
            \t- waiting on the Class initialization monitor for com.acme.Loader
            \tat java.util.concurrent.FutureTask.run(java.base@25.0.3/FutureTask.java:328)

            "a "quoted" name" #22 [13885] prio=5 os_prio=0 cpu=0.31ms elapsed=0.66s tid=0x00007fb1580e2d21 nid=13885 runnable
               java.lang.Thread.State: RUNNABLE
            \tat com.acme.Spin.run(Spin.java:3)
            """;

    @Test
    void aLambdasFrameIsNamedByItsClassAndTheWaitByTheMonitorLine() {
        assertEquals(Map.of(12L, new ClassInitWaits.Wait("com.acme.Loader",
                new Frame("com.acme.Loader$$Lambda", "call", null, -1))), ClassInitWaits.parse(JDK17));
    }

    @Test
    void aFrameWithItsFileAndLineAndOnlyThreadsThatWait() {
        assertEquals(Map.of(21L, new ClassInitWaits.Wait("com.acme.Loader",
                new Frame("com.acme.Helper", "compute", "Helper.java", 9))), ClassInitWaits.parse(JDK25));
    }
}
