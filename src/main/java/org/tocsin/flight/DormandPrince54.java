package org.tocsin.flight;

/**
 * The Dormand–Prince 5(4) embedded Runge–Kutta pair with step-size control and Shampine's
 * fourth-order continuous extension (Hairer, Nørsett & Wanner, Solving ODEs I, §II.4–II.6, the
 * DOPRI5 code).
 *
 * <p>Written for this one problem rather than taken from Hipparchus: a six-dimensional state, fixed
 * arrays, no allocation per step and no event framework. The benchmark against Orekit
 * (BENCHMARKS.md) is why. The last accepted step's dense output stays available until the next
 * step, so callers locate events (ground impact, apogee) inside it.
 */
final class DormandPrince54 {

  /** The right-hand side y' = f(t, y). */
  interface Derivatives {
    void compute(double timeS, double[] state, double[] derivativeOut);
  }

  private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
  private static final double A21 = 1.0 / 5;
  private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
  private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
  private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187;
  private static final double A53 = 64448.0 / 6561, A54 = -212.0 / 729;
  private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247;
  private static final double A64 = 49.0 / 176, A65 = -5103.0 / 18656;
  private static final double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192;
  private static final double A75 = -2187.0 / 6784, A76 = 11.0 / 84;
  private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920;
  private static final double E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;
  private static final double D1 = -12715105075.0 / 11282082432.0;
  private static final double D3 = 87487479700.0 / 32700410799.0;
  private static final double D4 = -10690763975.0 / 1880347072.0;
  private static final double D5 = 701980252875.0 / 199316789632.0;
  private static final double D6 = -1453857185.0 / 822651844.0;
  private static final double D7 = 69997945.0 / 29380423.0;

  private static final double SAFETY = 0.9;
  private static final double MIN_FACTOR = 0.2;
  private static final double MAX_FACTOR = 5.0;
  private static final int MAX_REJECTIONS = 50;

  private final int dimension;
  private final Derivatives derivatives;
  private final double[] absoluteTolerance;
  private final double relativeTolerance;
  private final double maxStepS;

  private final double[] y;
  private final double[] yNew;
  private final double[] yStage;
  private final double[] k1, k2, k3, k4, k5, k6, k7;
  private final double[][] dense;

  private double timeS;
  private double previousTimeS;
  private double stepS;
  private double lastStepS;

  DormandPrince54(
      int dimension,
      Derivatives derivatives,
      double[] absoluteTolerance,
      double relativeTolerance,
      double maxStepS) {
    this.dimension = dimension;
    this.derivatives = derivatives;
    this.absoluteTolerance = absoluteTolerance.clone();
    this.relativeTolerance = relativeTolerance;
    this.maxStepS = maxStepS;
    y = new double[dimension];
    yNew = new double[dimension];
    yStage = new double[dimension];
    k1 = new double[dimension];
    k2 = new double[dimension];
    k3 = new double[dimension];
    k4 = new double[dimension];
    k5 = new double[dimension];
    k6 = new double[dimension];
    k7 = new double[dimension];
    dense = new double[5][dimension];
  }

  /** Starts at (t0, y0) with a first trial step. */
  void start(double startTimeS, double[] initialState, double initialStepS) {
    timeS = startTimeS;
    previousTimeS = startTimeS;
    System.arraycopy(initialState, 0, y, 0, dimension);
    derivatives.compute(timeS, y, k1);
    stepS = Math.min(initialStepS, maxStepS);
  }

  /**
   * Takes one accepted step, shrinking it until the error estimate passes.
   *
   * @throws IllegalStateException when no step size passes (a singular right-hand side)
   */
  void step() {
    for (int rejections = 0; rejections < MAX_REJECTIONS; rejections++) {
      double h = stepS;
      double error = attempt(h);
      if (error <= 1) {
        accept(h);
        double factor = error == 0 ? MAX_FACTOR : SAFETY * Math.pow(error, -0.2);
        stepS = Math.min(maxStepS, h * Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor)));
        return;
      }
      stepS = h * Math.max(MIN_FACTOR, SAFETY * Math.pow(error, -0.2));
    }
    throw new IllegalStateException("step size control failed at t = " + timeS + " s");
  }

  private double attempt(double h) {
    double t = timeS;
    for (int i = 0; i < dimension; i++) {
      yStage[i] = y[i] + h * A21 * k1[i];
    }
    derivatives.compute(t + C2 * h, yStage, k2);
    for (int i = 0; i < dimension; i++) {
      yStage[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    }
    derivatives.compute(t + C3 * h, yStage, k3);
    for (int i = 0; i < dimension; i++) {
      yStage[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    }
    derivatives.compute(t + C4 * h, yStage, k4);
    for (int i = 0; i < dimension; i++) {
      yStage[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    }
    derivatives.compute(t + C5 * h, yStage, k5);
    for (int i = 0; i < dimension; i++) {
      yStage[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    }
    derivatives.compute(t + h, yStage, k6);
    for (int i = 0; i < dimension; i++) {
      yNew[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
    }
    derivatives.compute(t + h, yNew, k7);
    double sumSquares = 0;
    for (int i = 0; i < dimension; i++) {
      double errorI =
          h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      double scale =
          absoluteTolerance[i] + relativeTolerance * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
      double ratio = errorI / scale;
      sumSquares += ratio * ratio;
    }
    return Math.sqrt(sumSquares / dimension);
  }

  private void accept(double h) {
    for (int i = 0; i < dimension; i++) {
      double difference = yNew[i] - y[i];
      double slopeMismatch = h * k1[i] - difference;
      dense[0][i] = y[i];
      dense[1][i] = difference;
      dense[2][i] = slopeMismatch;
      dense[3][i] = difference - h * k7[i] - slopeMismatch;
      dense[4][i] =
          h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
    }
    previousTimeS = timeS;
    timeS += h;
    lastStepS = h;
    System.arraycopy(yNew, 0, y, 0, dimension);
    System.arraycopy(k7, 0, k1, 0, dimension);
  }

  /** The state at a time within the last accepted step, from the continuous extension. */
  void interpolate(double atTimeS, double[] out) {
    DenseStep.evaluate(dense, (atTimeS - previousTimeS) / lastStepS, out);
  }

  /** A copy of the last step's continuous extension, to keep for later interpolation. */
  DenseStep lastStep() {
    double[][] copy = new double[5][];
    for (int j = 0; j < 5; j++) {
      copy[j] = dense[j].clone();
    }
    return new DenseStep(previousTimeS, timeS, copy);
  }

  double timeS() {
    return timeS;
  }

  double previousTimeS() {
    return previousTimeS;
  }

  /** The current state; callers must not modify it. */
  double[] state() {
    return y;
  }

  /** The derivative at the current state (first-same-as-last), read-only. */
  double[] derivative() {
    return k1;
  }
}
