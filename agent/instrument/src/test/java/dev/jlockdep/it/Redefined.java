package dev.jlockdep.it;

import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;

/**
 * A class the agent rewrote as it loaded, retransformed and then redefined by a second agent (as another
 * agent or a debugger's hot swap does): the JVM takes both, and the class is still validated after them
 * (an order of its synchronized method and a plain monitor, taken both ways).
 */
public class Redefined {
    private static volatile Instrumentation inst;
    static final Object LEDGER = new Object();

    /** The second agent: keeps its instrumentation for the program. */
    public static void premain(String args, Instrumentation i) {
        inst = i;
    }

    static class Account {
        int balance;

        synchronized void deposit() {
            synchronized (LEDGER) {
                balance++;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Account x = new Account();
        x.deposit();
        inst.retransformClasses(Account.class);
        System.out.println("retransformed");
        byte[] original;
        try (InputStream in = Redefined.class.getResourceAsStream("Redefined$Account.class")) {
            original = in.readAllBytes();
        }
        inst.redefineClasses(new ClassDefinition(Account.class, original));
        System.out.println("redefined");
        synchronized (LEDGER) {
            x.deposit();
        }
        System.out.println("balance " + x.balance);
    }
}
