package dev.jlockdep.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Objects of the program's own classes keep the agent's entry in a field the agent adds: what
 * serialization and reflection see of it; a clone, whose field is a copy of its original's but which is a
 * lock of its own, and which does not keep its original alive; fields copied by reflection the way
 * utilities do (all but static and final ones), which leave an object its own entry. The original and
 * its clone are taken in both orders: a deadlock on two instances. An array of the program's type is a
 * monitor too.
 */
public class ObjectsKeepTheirEntry {
    static class Account implements Cloneable, Serializable {
        int balance;

        Account copy() throws CloneNotSupportedException {
            return (Account) clone();
        }
    }

    static class Savings extends Account {
        int rate;
    }

    static class OwnLock extends ReentrantLock {
    }

    public static void main(String[] args) throws Exception {
        ObjectStreamClass form = ObjectStreamClass.lookup(Account.class);
        System.out.println("serialVersionUID " + form.getSerialVersionUID() + ", serial fields " + form.getFields().length);
        System.out.println("declared fields not synthetic " + Arrays.stream(Account.class.getDeclaredFields())
                .filter(f -> !f.isSynthetic()).map(Field::getName).toList());
        Account x = new Account();
        synchronized (x) {
            x.balance++;
        }
        Account y = x.copy();
        Thread other = new Thread(() -> {
            synchronized (y) {
                synchronized (x) {
                    y.balance++;
                }
            }
        });
        other.start();
        other.join();
        copyFields(new Account(), y);
        synchronized (x) {
            synchronized (y) {
                x.balance++;
            }
        }
        synchronized (new Account[2]) {
            x.balance++;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(x);
        }
        Account back = (Account) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        System.out.println("balances " + x.balance + " " + y.balance + " " + back.balance);
        System.out.println("originals of clones collected " + originalsOfClonesCollected());
        Savings s = new Savings();
        synchronized (s) {
            s.rate++;
        }
        OwnLock lock = new OwnLock();
        lock.lock();
        lock.unlock();
        Field slot = slot(Account.class);
        if (slot == null) {
            System.out.println("no slot");
            return;
        }
        System.out.println("slot " + Modifier.toString(slot.getModifiers()) + (slot.isSynthetic() ? " synthetic" : "")
                + ": kept " + (slot.get(x) != null) + ", the clone's own " + (slot.get(y) != slot.get(x))
                + ", a subclass's in it " + (slot(Savings.class) == null && slot.get(s) != null)
                + ", none for a lock " + (slot(OwnLock.class).get(lock) == null));
    }

    /** As field-copying utilities do: every field but static and final ones, through the class hierarchy. */
    private static void copyFields(Object from, Object to) throws IllegalAccessException {
        for (Class<?> c = from.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if ((f.getModifiers() & (Modifier.STATIC | Modifier.FINAL)) == 0) {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                }
            }
        }
    }

    /**
     * Locked originals dropped while their unlocked clones are kept: collected, though each clone's field
     * holds its original's entry (collections asked for until they are, at most 50 times). The last one
     * locked may stay, as without the field: its thread's held-lock stack keeps a reference to it.
     */
    private static boolean originalsOfClonesCollected() throws CloneNotSupportedException {
        List<Account> clones = new ArrayList<>();
        List<WeakReference<Account>> originals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Account original = new Account();
            synchronized (original) {
                original.balance = i;
            }
            clones.add(original.copy());
            originals.add(new WeakReference<>(original));
        }
        for (int gc = 0; gc < 50; gc++) {
            // one may stay: a thread's held-lock stack keeps the object it last held (never more than that)
            if (originals.stream().filter(r -> r.get() != null).count() <= 1) {
                return clones.size() == 100;
            }
            System.gc();
        }
        return false;
    }

    private static Field slot(Class<?> c) {
        for (Field f : c.getDeclaredFields()) {
            if (f.getName().equals("jlockdep-instance")) {
                f.setAccessible(true);
                return f;
            }
        }
        return null;
    }
}
