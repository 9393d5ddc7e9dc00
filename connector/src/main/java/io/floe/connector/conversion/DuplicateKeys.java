package io.floe.connector.conversion;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds a key repeated within one JSON object while the object is being copied, without the
 * per-object hash sets Jackson's own duplicate detection allocates. Keys of the open objects sit on
 * one reusable stack; small objects are checked by a linear scan of their keys' hashes, and only an
 * object with many keys gets a hash set of its own.
 */
final class DuplicateKeys {
  private static final int LINEAR_LIMIT = 64;

  private String[] keys = new String[64];
  private int[] hashes = new int[64];
  private int size;
  private int[] starts = new int[16];
  private Set<String>[] largeObjects = newSets(16);
  private int depth;

  /** Forgets everything: call before each document. */
  void reset() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(largeObjects, 0, depth, null);
    size = 0;
    depth = 0;
  }

  void startObject() {
    if (depth == starts.length) {
      starts = Arrays.copyOf(starts, depth * 2);
      largeObjects = Arrays.copyOf(largeObjects, depth * 2);
    }
    starts[depth++] = size;
  }

  void endObject() {
    depth--;
    int start = starts[depth];
    Arrays.fill(keys, start, size, null);
    size = start;
    largeObjects[depth] = null;
  }

  /** Records {@code key} in the innermost open object; false if it is already there. */
  boolean add(String key) {
    int start = starts[depth - 1];
    int count = size - start;
    Set<String> large = largeObjects[depth - 1];
    if (large != null) {
      return large.add(key);
    }
    int hash = key.hashCode();
    for (int i = start; i < size; i++) {
      if (hashes[i] == hash && keys[i].equals(key)) {
        return false;
      }
    }
    if (count == LINEAR_LIMIT) {
      // From here on a hash set is cheaper than scanning; the stack keeps the first keys.
      large = new HashSet<>(Arrays.asList(keys).subList(start, size));
      large.add(key);
      largeObjects[depth - 1] = large;
      return true;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    keys[size] = key;
    hashes[size] = hash;
    size++;
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Set<String>[] newSets(int length) {
    return (Set<String>[]) new Set<?>[length];
  }
}
