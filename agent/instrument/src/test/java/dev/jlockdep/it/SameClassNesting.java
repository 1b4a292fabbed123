package dev.jlockdep.it;

import dev.jlockdep.api.Lockdep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Instances of one class taken one inside another, each way a program does it. Argument:
 * transfer-once (one transfer(x, y): credible, a transfer(y, x) may come), transfer-both (x inside y and
 * y inside x: a deadlock on those instances), ordered (three pairs, all the older outside the newer),
 * tree (children made under their parent's lock, then taken inside it), declared (an order declared
 * for the class, kept), declared-against (the same order, broken once), fresh-descriptor (a monitor
 * built under another of its class, in its synchronized method, then locked: a child under its parent),
 * existing-descriptor (the same nesting on a descriptor made before: credible), parent-first (the tree's
 * order declared parent first, kept), parent-first-against (the same, then a parent taken inside its child).
 */
public class SameClassNesting {
    /** An account: its monitor guards its balance. */
    static final class Account {
        final long id;
        int balance = 100;

        Account(long id) {
            this.id = id;
        }
    }

    static void transfer(Account from, Account to, int amount) {
        synchronized (from) {
            synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
            }
        }
    }

    /** A tree node: each has its lock, and its children are made while it is held. */
    static final class Node {
        final ReentrantLock lock;
        final List<Node> children = new ArrayList<>();

        Node() {
            lock = new ReentrantLock();
        }

        Node addChild() {
            lock.lock();
            try {
                Node child = new Node();
                children.add(child);
                return child;
            } finally {
                lock.unlock();
            }
        }

        void touchChildren() {
            lock.lock();
            try {
                for (Node c : children) {
                    c.lock.lock();
                    c.lock.unlock();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** A table descriptor: its synchronized methods guard it; one is finished under another. */
    static final class Descriptor {
        final String name;
        private boolean finished;

        Descriptor(String name) {
            this.name = name;
        }

        synchronized Descriptor withCatalog(Descriptor existing) {
            Descriptor catalog = existing != null ? existing : new Descriptor(name + " catalog");
            catalog.finish();
            return catalog;
        }

        synchronized void finish() {
            finished = true;
        }
    }

    public static void main(String[] args) throws Exception {
        Account x = new Account(1);
        Account y = new Account(2);
        Account z = new Account(3);
        switch (args[0]) {
            case "transfer-once" -> transfer(x, y, 10);
            case "transfer-both" -> {
                Thread teller = new Thread(() -> transfer(x, y, 10), "teller");
                teller.start();
                teller.join();
                transfer(y, x, 5);
            }
            case "ordered" -> {
                transfer(x, y, 1);
                transfer(y, z, 1);
                transfer(x, z, 1);
            }
            case "tree" -> {
                Node root = new Node();
                root.addChild();
                root.addChild();
                root.touchChildren();
            }
            case "declared", "declared-against" -> {
                Lockdep.setOrder(x, Comparator.comparingLong((Account a) -> a.id));
                transfer(x, y, 1);
                transfer(y, z, 1);
                if (args[0].equals("declared-against")) {
                    transfer(z, x, 1);
                }
            }
            case "parent-first", "parent-first-against" -> {
                Node root = new Node();
                Lockdep.setOrderParentFirst(root.lock);
                Node child = root.addChild();
                root.touchChildren(); // the parent, then its child: in order
                if (args[0].endsWith("against")) {
                    child.lock.lock();
                    try {
                        root.lock.lock(); // the parent inside its child
                        root.lock.unlock();
                    } finally {
                        child.lock.unlock();
                    }
                }
            }
            case "fresh-descriptor" -> new Descriptor("users").withCatalog(null);
            case "existing-descriptor" -> {
                Descriptor catalog = new Descriptor("catalog");
                new Descriptor("users").withCatalog(catalog);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("finished");
    }
}
