package dev.jlockdep.instrument.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A maker's role, from the receiver of its user's call as the user's class file shows it. */
class MakerRoleScanTest {
    private static final String FIXTURE = Users.class.getName();

    /** An object made by a maker, asking for its maker's role as a lock's binding would. */
    static final class Made {
        final String[] role;

        Made(Maker maker) {
            role = new MakerRoleScan().roleOf(maker, Made.class.getName());
        }
    }

    static final class Maker {
        Made make(String key) {
            return new Made(this);
        }

        Made make(long first, long second) {
            return new Made(this);
        }
    }

    /** Users of makers, each reaching its maker another way. */
    static final class Users {
        private static final Maker SHARED = new Maker();
        private final Maker first = new Maker();

        Maker maker() {
            return first;
        }

        String[] byField() {
            return first.make("x").role;
        }

        String[] byStaticField() {
            return SHARED.make("x").role;
        }

        String[] byGetter() {
            return maker().make("x").role;
        }

        String[] byLocal() {
            Maker m = first;
            return m.make("x").role;
        }

        String[] withWideArguments(long n) {
            return first.make(n * 2L, n + 1L).role;
        }

        String[] byOneOfTwo(boolean which) {
            return (which ? first : SHARED).make("x").role;
        }

        String[] byTwoOnOneLine() {
            return first.make("x").role.length > 0 ? SHARED.make("y").role : null;
        }
    }

    private static String[] field(String name) {
        return new String[] {"field:" + FIXTURE + "." + name, "MakerRoleScanTest$Users." + name};
    }

    private static String[] method(String name, String printed) {
        return new String[] {"method:" + FIXTURE + "." + name, "MakerRoleScanTest$Users." + printed};
    }

    @Test
    void aMakerReadFromAFieldIsNamedByIt() {
        Users users = new Users();
        assertArrayEquals(field("first"), users.byField());
        assertArrayEquals(field("SHARED"), users.byStaticField());
        assertArrayEquals(field("first"), users.byLocal());
        assertArrayEquals(field("first"), users.withWideArguments(3));
    }

    @Test
    void aMakerReturnedByACallIsNamedByTheCall() {
        assertArrayEquals(method("maker", "maker()"), new Users().byGetter());
    }

    @Test
    void aMakerTheCodeDoesNotTellIsNamedByItsUsersMethod() {
        assertArrayEquals(method("byOneOfTwo", "byOneOfTwo"), new Users().byOneOfTwo(true));
        assertArrayEquals(method("byTwoOnOneLine", "byTwoOnOneLine"), new Users().byTwoOnOneLine());
    }

    @Test
    void noRoleWithoutAMakerOnTheStack() {
        assertNull(new MakerRoleScan().roleOf(new Maker(), Made.class.getName()));
    }
}
