typedef int x_check_sync;
