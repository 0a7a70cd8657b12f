package org.tocsin.flight;

/**
 * One integration step's continuous extension: the state at any time inside [start, end] from the
 * five DOPRI5 dense-output coefficient vectors.
 */
final class DenseStep {

  private final double startS;
  private final double endS;
  private final double[][] coefficients;

  DenseStep(double startS, double endS, double[][] coefficients) {
    this.startS = startS;
    this.endS = endS;
    this.coefficients = coefficients;
  }

  double startS() {
    return startS;
  }

  double endS() {
    return endS;
  }

  void interpolate(double atTimeS, double[] out) {
    evaluate(coefficients, (atTimeS - startS) / (endS - startS), out);
  }

  /** y(θ) = r0 + θ(r1 + (1 − θ)(r2 + θ(r3 + (1 − θ) r4))), θ in [0, 1]. */
  static void evaluate(double[][] r, double theta, double[] out) {
    double oneMinus = 1 - theta;
    for (int i = 0; i < out.length; i++) {
      out[i] =
          r[0][i]
              + theta * (r[1][i] + oneMinus * (r[2][i] + theta * (r[3][i] + oneMinus * r[4][i])));
    }
  }
}
