typedef int x_check_stw;
