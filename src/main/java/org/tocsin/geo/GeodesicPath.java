package org.tocsin.geo;

/**
 * The solution of the geodesic inverse problem between two points.
 *
 * @param distanceM length of the geodesic in metres
 * @param initialAzimuthDeg azimuth at the start, degrees clockwise from north, within [-180, 180]
 * @param finalAzimuthDeg azimuth at the end, degrees clockwise from north, within [-180, 180]
 */
public record GeodesicPath(double distanceM, double initialAzimuthDeg, double finalAzimuthDeg) {}
