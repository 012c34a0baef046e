package org.lodestone.solve;

import java.nio.file.Path;
import java.util.Map;

import com.google.ortools.Loader;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * HiGHS's own C API ({@code highs_c_api.h} of HiGHS 1.12), bound through JNA's direct mapping,
 * in the shared library OR-Tools' native jar ships ({@code ortools-linux-x86-64/libhighs.so.1}
 * and its siblings for other platforms): nothing to install beyond what OR-Tools brings.
 *
 * <p><b>Finding the library.</b> OR-Tools' native libraries are copied once into the user's cache
 * ({@link NativeFiles#ortools()}) and HiGHS's is loaded from there by its path, alone: the rest of
 * OR-Tools (its JNI library loads another 40 MB) is loaded only when SCIP or CBC is asked for. Then
 * OR-Tools' reference to {@code libhighs.so.1} resolves to the very file already loaded; when
 * OR-Tools came first (its own loader, in a temporary folder), its HiGHS is found loaded
 * ({@code RTLD_NOLOAD}) and used: one HiGHS in the process either way. Where the copy cannot be
 * made (and on Windows), OR-Tools' loader unpacks its libraries as usual and the HiGHS it loaded
 * is opened by its name.
 *
 * <p>{@code HighsInt} is 32 bits in this build ({@link #Highs_getSizeofHighsInt} says so; loading
 * refuses a library where it is not).
 */
final class HighsLibrary {
    static final int STATUS_ERROR = -1;
    static final int MATRIX_COLUMNWISE = 1;
    static final int SENSE_MINIMIZE = 1;
    static final int VAR_CONTINUOUS = 0;
    static final int VAR_INTEGER = 1;

    static final int MODEL_EMPTY = 6;
    static final int MODEL_OPTIMAL = 7;
    static final int MODEL_INFEASIBLE = 8;
    static final int MODEL_UNBOUNDED_OR_INFEASIBLE = 9;
    static final int MODEL_UNBOUNDED = 10;
    static final int MODEL_TIME_LIMIT = 13;
    static final int MODEL_INTERRUPT = 17;

    static final int SOLUTION_FEASIBLE = 2;

    static final int CALLBACK_SIMPLEX_INTERRUPT = 1;
    static final int CALLBACK_IPM_INTERRUPT = 2;
    static final int CALLBACK_MIP_IMPROVING_SOLUTION = 4;
    static final int CALLBACK_MIP_LOGGING = 5;
    static final int CALLBACK_MIP_INTERRUPT = 6;

    /**
     * {@code HighsCCallbackType}: callback type, message, {@code const HighsCallbackDataOut*},
     * {@code HighsCallbackDataIn*} (its first member, an {@code int}, is {@code user_interrupt}),
     * user data.
     */
    interface HighsCallback extends Callback {
        void invoke(int type, Pointer message, Pointer dataOut, Pointer dataIn, Pointer userData);
    }

    private static volatile String version;
    private static volatile String failure;

    private HighsLibrary() {}

    /** Loads the library once; true when HiGHS can be called. */
    static synchronized boolean load() {
        if (version == null && failure == null) {
            try {
                NativeLibrary library = open();
                Native.register(HighsLibrary.class, library);
                if (Highs_getSizeofHighsInt() != 4) {
                    throw new UnsatisfiedLinkError("HighsInt of " + Highs_getSizeofHighsInt() + " bytes, not 4");
                }
                version = Highs_version().replaceFirst("^v", "");
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                failure = "HiGHS's library could not be loaded: " + e.getMessage();
            }
        }
        return version != null;
    }

    /** HiGHS's version ("1.12.0"); call after {@link #load} returned true. */
    static String version() {
        return version;
    }

    /** Why {@link #load} failed, or null. */
    static String failure() {
        return failure;
    }

    /** The file name of HiGHS's library in OR-Tools' native jar on this platform. */
    private static String fileName() {
        if (Platform.isWindows()) {
            return "highs.dll";
        }
        return Platform.isMac() ? "libhighs.1.dylib" : "libhighs.so.1";
    }

    private static NativeLibrary open() {
        String name = fileName();
        if (!Platform.isWindows()) {
            NativeLibrary loaded = alreadyLoaded(name);
            if (loaded != null) {
                return loaded;
            }
            Path folder = NativeFiles.ortools();
            if (folder != null) {
                return NativeLibrary.getInstance(folder.resolve(name).toString());
            }
        }
        Loader.loadNativeLibraries();
        return NativeLibrary.getInstance(name);
    }

    /**
     * The HiGHS library of that name when the process has it loaded already (OR-Tools loaded
     * first), else null: {@code dlopen} with {@code RTLD_NOLOAD} finds it without loading anything.
     */
    private static NativeLibrary alreadyLoaded(String name) {
        int noLoad = Platform.isMac() ? 0x10 : 0x4;
        int lazy = 0x1;
        try {
            return NativeLibrary.getInstance(name, Map.of(Library.OPTION_OPEN_FLAGS, noLoad | lazy));
        } catch (UnsatisfiedLinkError notLoaded) {
            return null;
        }
    }

    // --- highs_c_api.h, the functions used (HighsInt = int, HighsInt* = int[], double* = double[]) ---

    static native int Highs_getSizeofHighsInt();

    static native String Highs_version();

    static native Pointer Highs_create();

    static native void Highs_destroy(Pointer highs);

    static native int Highs_passMip(Pointer highs, int numCol, int numRow, int numNz, int aFormat, int sense,
                                    double offset, double[] colCost, double[] colLower, double[] colUpper,
                                    double[] rowLower, double[] rowUpper, int[] aStart, int[] aIndex,
                                    double[] aValue, int[] integrality);

    static native int Highs_passLp(Pointer highs, int numCol, int numRow, int numNz, int aFormat, int sense,
                                   double offset, double[] colCost, double[] colLower, double[] colUpper,
                                   double[] rowLower, double[] rowUpper, int[] aStart, int[] aIndex,
                                   double[] aValue);

    static native int Highs_setBoolOptionValue(Pointer highs, String option, int value);

    static native int Highs_setIntOptionValue(Pointer highs, String option, int value);

    static native int Highs_setDoubleOptionValue(Pointer highs, String option, double value);

    static native int Highs_setStringOptionValue(Pointer highs, String option, String value);

    static native int Highs_setSolution(Pointer highs, double[] colValue, double[] rowValue, double[] colDual,
                                        double[] rowDual);

    static native int Highs_setCallback(Pointer highs, HighsCallback callback, Pointer userData);

    static native int Highs_startCallback(Pointer highs, int callbackType);

    static native int Highs_run(Pointer highs);

    static native int Highs_clearSolver(Pointer highs);

    static native int Highs_getModelStatus(Pointer highs);

    static native int Highs_getIntInfoValue(Pointer highs, String info, int[] value);

    static native int Highs_getDoubleInfoValue(Pointer highs, String info, double[] value);

    static native int Highs_getInt64InfoValue(Pointer highs, String info, long[] value);

    static native int Highs_getSolution(Pointer highs, double[] colValue, double[] colDual, double[] rowValue,
                                        double[] rowDual);

    static native Pointer Highs_getCallbackDataOutItem(Pointer dataOut, String itemName);

    static native void Highs_resetGlobalScheduler(int blocking);
}
