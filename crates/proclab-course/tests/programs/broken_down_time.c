// Broken-down time: gmtime, localtime, mktime, asctime, ctime and strftime on fixed
// moments (the machine's time zone is UTC), and normalization by mktime.
#include <stdio.h>
#include <time.h>

int main(void) {
    time_t moments[] = {0, 951782400, 1767225600, 1700000000, -86401, 4102444800};
    char buf[128];
    for (int i = 0; i < 6; i++) {
        struct tm *g = gmtime(&moments[i]);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %u %w %y %C %e %I%p %Z %z", g);
        printf("%s\n", buf);
        printf("%s", asctime(g));
        struct tm *l = localtime(&moments[i]);
        strftime(buf, sizeof buf, "%c | %x %X | %D %T %F %R %r %k %l %h %s %% %Z", l);
        printf("%s\n", buf);
        printf("%s", ctime(&moments[i]));
    }
    struct tm t = {0};
    t.tm_year = 2024 - 1900;
    t.tm_mon = 13;
    t.tm_mday = 31;
    t.tm_hour = 25;
    t.tm_min = -30;
    time_t when = mktime(&t);
    printf("%ld -> %d-%02d-%02d %02d:%02d yday %d wday %d\n", (long) when, t.tm_year + 1900,
           t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_yday, t.tm_wday);
    printf("difftime %.1f\n", difftime(moments[2], moments[1]));
    printf("too small: %zu\n", strftime(buf, 5, "%Y-%m-%d", gmtime(&moments[2])));
    return 0;
}
