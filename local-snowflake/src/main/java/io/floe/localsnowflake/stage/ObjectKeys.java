package io.floe.localsnowflake.stage;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The keys of one JSON object being read, to reject a duplicate as the streamed path reads it.
 * Jackson's own duplicate detection allocates a hash set for every object of three keys or more,
 * about an eighth of a load's time; here keys that arrive in ascending order (a check of one
 * comparison) need no lookup at all, a key whose hash bit is not yet in the object's 64-bit mask is
 * new without one, small objects are scanned, and only large ones get a set. Connectors' objects
 * seldom arrive sorted (Floe's metadata does not), so the mask spares most of the scans.
 */
final class ObjectKeys {
  private static final int SCAN_LIMIT = 32;

  private String[] keys = new String[16];
  private int size;
  private boolean ascending = true;
  private long hashes;
  private Set<String> index;

  /** Records {@code key}; false if the object already has it. */
  boolean add(String key) {
    boolean after = size == 0 || keys[size - 1].compareTo(key) < 0;
    long bit = bit(key);
    if (!(ascending && after) && (hashes & bit) != 0 && contains(key)) {
      return false;
    }
    ascending &= after;
    hashes |= bit;
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size++] = key;
    if (index != null) {
      index.add(key);
    }
    return true;
  }

  /** Whether the keys so far arrived in ascending order, so the object needs no sorting. */
  boolean ascending() {
    return ascending;
  }

  int size() {
    return size;
  }

  String get(int i) {
    return keys[i];
  }

  void clear() {
    Arrays.fill(keys, 0, size, null);
    size = 0;
    ascending = true;
    hashes = 0;
    index = null;
  }

  /** One of 64 bits picked by the key's (cached) hash: equal keys have the same bit. */
  private static long bit(String key) {
    int h = key.hashCode();
    return 1L << (h ^ (h >>> 6) ^ (h >>> 12));
  }

  private boolean contains(String key) {
    if (size <= SCAN_LIMIT) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return true;
        }
      }
      return false;
    }
    if (index == null) {
      index = new HashSet<>(Arrays.asList(keys).subList(0, size));
    }
    return index.contains(key);
  }
}
