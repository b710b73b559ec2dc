#include "tollgatedapp.h"

int main(int argc, char** argv)
{
    return tollgate::app::runTollgated(std::vector<std::string>(argv + 1, argv + argc));
}
