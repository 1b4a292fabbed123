package dev.jlockdep.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Objects of the program's own classes keep the agent's entry in a field the agent adds: what
 * serialization and reflection see of it, and a clone, whose field is a copy of its original's but which
 * is a lock of its own (taken in both orders with its original: a deadlock on two instances).
 */
public class ObjectsKeepTheirEntry {
    static class Account implements Cloneable, Serializable {
        int balance;

        Account copy() throws CloneNotSupportedException {
            return (Account) clone();
        }
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
        synchronized (x) {
            synchronized (y) {
                x.balance++;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(x);
        }
        Account back = (Account) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        System.out.println("balances " + x.balance + " " + y.balance + " " + back.balance);
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
                + ", none for a lock " + (slot(OwnLock.class).get(lock) == null));
    }

    private static Field slot(Class<?> c) {
        for (Field f : c.getDeclaredFields()) {
            if (f.getName().equals("$jlockdep$instance")) {
                f.setAccessible(true);
                return f;
            }
        }
        return null;
    }
}
