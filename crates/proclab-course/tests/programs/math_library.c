// <math.h>, <float.h> and strtod/atof: values, constants, errno on domain and range errors.
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <float.h>
#include <errno.h>

static const double limit = M_PI * 2;
float nanf_global = NAN;

int main(int argc, char *argv[]) {
    printf("%f %f %f\n", sqrt(2), pow(2, 0.5), fabs(-3));
    printf("%.10f %.10f %.10f\n", sin(M_PI / 6), cos(0.5), exp(1));
    printf("%g %g %g %g\n", floor(-2.5), ceil(-2.5), round(2.5), trunc(-2.7));
    printf("%g %g\n", fmod(10, 3), atan2(1, 1) * 4);
    printf("%f %d %f\n", limit, DBL_DIG, FLT_EPSILON);
    printf("%e %e\n", DBL_MAX, DBL_MIN);
    errno = 0;
    double r = sqrt(-1);
    printf("%f errno=%d\n", r, errno);
    errno = 0;
    r = log(0);
    printf("%f errno=%d\n", r, errno);
    printf("%f %f %d %d %d\n", NAN, INFINITY, isnan(NAN), isinf(-INFINITY), isfinite(1.0));
    printf("%f\n", nanf_global);
    char *end;
    double v = strtod("  12.5e1xyz", &end);
    printf("%g [%s] %g %g\n", v, end, atof("3.75"), atof("-inf"));
    errno = 0;
    v = strtod("1e999", NULL);
    printf("%f %d\n", v, errno == ERANGE);
    double sum = 0;
    for (int i = 1; i <= 100; i++) sum += 1.0 / i;
    printf("H(100) = %.15f\n", sum);
    printf("%.3f\n", hypot(3, 4));
    return 0;
}
