// double and float: constants, globals, conversions both ways, arithmetic rounded as
// x86-64 rounds it, comparisons, ++ and +=, infinities and NaNs, and printf's %f %e %g.
#include <stdio.h>

double g = 2.5;
float gf = 0.1f;
double table[] = {1.0, -2.5, 3e10, 1.0 / 3};
int gi = 7.9;

struct point { double x, y; };

double average(int n, double *v) {
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += v[i];
    return sum / n;
}

float half(float f) { return f / 2; }

int main(void) {
    double d = 1e6;
    float f = 3.14159f;
    int i = 10;
    printf("%f %f %f %d\n", g, gf, d, gi);
    printf("%.3f %e %g %G\n", f, d, 0.0001234, 1e-10);
    printf("%d %d %ld\n", (int)3.99, (int)-3.99, (long)1e15);
    printf("%f %f\n", i / 4.0, (double)i / 4);
    printf("%.17g %.17g\n", 0.1 + 0.2, (double)(0.1f + 0.2f));
    printf("%g\n", average(4, table));
    printf("%f\n", half(5));
    struct point p = {1.5, -2.25};
    printf("(%g, %g)\n", p.x, p.y);
    double x = 0.0;
    x++;
    x += 0.5;
    double y = x--;
    printf("%f %f\n", x, y);
    printf("%d %d %d\n", 0.1 + 0.2 == 0.3, 1.5 > 1, !0.0);
    double z = 0.0;
    printf("%f %f %f\n", 1 / z, -1 / z, z / z);
    unsigned long big = 1e19;
    printf("%lu %u\n", big, (unsigned)3e9);
    float arr[3] = {1, 2, 3};
    arr[1] *= 2.5;
    printf("%f %f %f %zu\n", arr[0], arr[1], arr[2], sizeof arr);
    double c = i > 5 ? 1 : 0.5;
    printf("%g %g\n", c, -c);
    if (0.5) printf("true\n");
    for (double t = 0; t < 1; t += 0.25) printf("%.2f ", t);
    printf("\n%5.1f|%-8.2e|%+g|%08.3f\n", 3.14159, 12345.6789, 2.0, -1.5);
    return (int)(d / 1e5);
}
