package org.tocsin.area;

import java.util.function.IntConsumer;
import org.locationtech.jts.geom.Envelope;

/**
 * Items with lon/lat envelopes bucketed in a uniform grid over one region: the few boundary chunks
 * and areas around one footprint, which its samples then query many times over.
 *
 * <p>Design note. A footprint's hundreds of samples each ask the same question of the same small
 * region (which chunks meet a window of the buffer's size around me?); descending the area set's
 * STR-tree, built over the whole country, for each of them cost a third of a salvo's CPU. Here the
 * region's items are fetched from the tree once and listed in every cell their envelope covers
 * (cells a fraction of a window wide, so that a window meets a few cells and little else). A query
 * finds exactly the items whose envelope intersects the window, as {@code STRtree.query} does (the
 * same closed intersection test on the same envelopes), and visits each of them once (an item
 * listed in several of the window's cells is reported only from the cell that holds the lower-left
 * corner of its intersection with the window). Cell indices are clamped to the grid, at listing and
 * at query alike, so an item or a window that reaches beyond the region is still found.
 *
 * <p>Made for one footprint's matching and dropped after it; immutable once built.
 */
final class EnvelopeGrid {

  /** At most this many cells: a wide corridor gets coarser cells, not an unbounded grid. */
  static final int MAX_CELLS = 1 << 16;

  private final double minX;
  private final double minY;
  private final double columnsPerDegree;
  private final double rowsPerDegree;
  private final int columns;
  private final int rows;

  /** Item bounds, four per item: min x, max x, min y, max y. */
  private final double[] bounds;

  /** The items of cell c are {@code items[cellStart[c] .. cellStart[c + 1])}. */
  private final int[] cellStart;

  private final int[] items;

  /**
   * @param region the region the queries fall in (items and windows may reach beyond it)
   * @param envelopes the items' envelopes, item i at index i; none is null
   * @param cellWidth wanted cell width, in degrees of longitude; larger if the grid would have more
   *     than {@link #MAX_CELLS} cells
   * @param cellHeight wanted cell height, in degrees of latitude; likewise
   */
  EnvelopeGrid(Envelope region, Envelope[] envelopes, double cellWidth, double cellHeight) {
    this.minX = region.getMinX();
    this.minY = region.getMinY();
    double width = Math.max(cellWidth, 1e-9);
    double height = Math.max(cellHeight, 1e-9);
    double cells = Math.ceil(region.getWidth() / width) * Math.ceil(region.getHeight() / height);
    if (cells > MAX_CELLS) {
      double scale = Math.sqrt(cells / MAX_CELLS) * 1.01;
      width *= scale;
      height *= scale;
    }
    this.columnsPerDegree = 1 / width;
    this.rowsPerDegree = 1 / height;
    this.columns = Math.max(1, (int) Math.ceil(region.getWidth() / width));
    this.rows = Math.max(1, (int) Math.ceil(region.getHeight() / height));
    this.bounds = new double[4 * envelopes.length];
    for (int i = 0; i < envelopes.length; i++) {
      Envelope envelope = envelopes[i];
      bounds[4 * i] = envelope.getMinX();
      bounds[4 * i + 1] = envelope.getMaxX();
      bounds[4 * i + 2] = envelope.getMinY();
      bounds[4 * i + 3] = envelope.getMaxY();
    }
    this.cellStart = new int[columns * rows + 1];
    forEachListing((cell, item) -> cellStart[cell + 1]++);
    for (int c = 0; c < columns * rows; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    this.items = new int[cellStart[columns * rows]];
    int[] next = cellStart.clone();
    forEachListing((cell, item) -> items[next[cell]++] = item);
  }

  private interface Listing {
    void add(int cell, int item);
  }

  /** Every (cell, item) pair of the grid, items in their order within each cell. */
  private void forEachListing(Listing listing) {
    for (int item = 0; item < bounds.length / 4; item++) {
      int x0 = column(bounds[4 * item]);
      int x1 = column(bounds[4 * item + 1]);
      int y0 = row(bounds[4 * item + 2]);
      int y1 = row(bounds[4 * item + 3]);
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          listing.add(y * columns + x, item);
        }
      }
    }
  }

  /**
   * Calls {@code visitor} once with the index of every item whose envelope intersects the window,
   * boundaries included.
   */
  void query(Envelope window, IntConsumer visitor) {
    double wMinX = window.getMinX();
    double wMaxX = window.getMaxX();
    double wMinY = window.getMinY();
    double wMaxY = window.getMaxY();
    int x0 = column(wMinX);
    int x1 = column(wMaxX);
    int y0 = row(wMinY);
    int y1 = row(wMaxY);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        int cell = y * columns + x;
        for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
          int item = items[k];
          int at = 4 * item;
          if (bounds[at] > wMaxX
              || bounds[at + 1] < wMinX
              || bounds[at + 2] > wMaxY
              || bounds[at + 3] < wMinY) {
            continue;
          }
          // Reported from one cell only: the one holding the intersection's lower-left corner.
          if (column(Math.max(wMinX, bounds[at])) == x
              && row(Math.max(wMinY, bounds[at + 2])) == y) {
            visitor.accept(item);
          }
        }
      }
    }
  }

  // The cast truncates towards zero where floor would not, only for offsets below 0, which the
  // clamp sends to cell 0 either way; both are monotonic, which is all that listing and querying
  // alike need.
  private int column(double x) {
    return clamp((int) ((x - minX) * columnsPerDegree), columns);
  }

  private int row(double y) {
    return clamp((int) ((y - minY) * rowsPerDegree), rows);
  }

  private static int clamp(int index, int size) {
    return Math.max(0, Math.min(size - 1, index));
  }
}
