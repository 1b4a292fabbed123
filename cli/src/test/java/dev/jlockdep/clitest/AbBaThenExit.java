package dev.jlockdep.clitest;

/** Takes two locks both ways, one after the other, then exits with the status given as argument. */
public class AbBaThenExit {
    private static final Object first = new Object();
    private static final Object second = new Object();

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            Thread t = new Thread(() -> {
                synchronized (first) {
                    synchronized (second) {
                        System.out.println("first then second");
                    }
                }
            });
            t.start();
            t.join();
            synchronized (second) {
                synchronized (first) {
                    System.out.println("second then first");
                }
            }
        }
        System.exit(Integer.parseInt(args[0]));
    }
}
