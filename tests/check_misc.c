typedef int x_check_misc;
